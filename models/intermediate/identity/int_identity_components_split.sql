{{ config(
    post_hook=[
        "drop table if exists {{ mta.identity_cc_work_relation('edges') }}",
        "drop table if exists {{ mta.identity_cc_work_relation('labels_0') }}",
        "drop table if exists {{ mta.identity_cc_work_relation('labels_1') }}",
    ],
) }}

{%- set edges_sql -%}
select
    identity_edges.identifier_a as node_a,
    identity_edges.identifier_b as node_b
from {{ ref('int_identity_edges') }} as identity_edges
inner join {{ ref('int_identity_oversized_members') }} as member_a
    on identity_edges.identifier_a = member_a.identifier
inner join {{ ref('int_identity_oversized_members') }} as member_b
    on identity_edges.identifier_b = member_b.identifier
where
    not member_a.is_hub
    and not member_b.is_hub
{%- endset %}

with oversized_members as (

    select * from {{ ref('int_identity_oversized_members') }}

),

split_components as (

    {{ mta.identity_connected_components(edges_sql) }}

),

final as (

    select
        oversized_members.identifier,
        oversized_members.component_key,
        coalesce(split_components.component_key, oversized_members.identifier) as split_component_key,
        coalesce(split_components.propagation_rounds, 0) as propagation_rounds
    from oversized_members
    left join split_components
        on oversized_members.identifier = split_components.node
    where not oversized_members.is_hub

)

select * from final
