with identity_edges as (

    select * from {{ ref('int_identity_edges') }}

),

oversized_members as (

    select * from {{ ref('int_identity_oversized_members') }}

),

member_edges as (

    select
        identity_edges.identifier_a,
        identity_edges.identifier_b
    from identity_edges
    inner join oversized_members as member_a
        on identity_edges.identifier_a = member_a.identifier
    inner join oversized_members as member_b
        on identity_edges.identifier_b = member_b.identifier
    where
        not member_a.is_hub
        and not member_b.is_hub

),

directed_edges as (

    select
        identifier_a as src,
        identifier_b as dst
    from member_edges

    union all

    select
        identifier_b as src,
        identifier_a as dst
    from member_edges

),

final as (

    select distinct
        src,
        dst
    from directed_edges
    where
        src is not null
        and dst is not null
        and src <> dst

)

select * from final
