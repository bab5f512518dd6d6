with identity_edges as (

    select * from {{ ref('int_identity_edges') }}

),

directed_edges as (

    select
        identifier_a as src,
        identifier_b as dst
    from identity_edges

    union all

    select
        identifier_b as src,
        identifier_a as dst
    from identity_edges

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
