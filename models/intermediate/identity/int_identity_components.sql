{#- The loop runs in macro identity_connected_components; the post-hook drops its work tables. -#}
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
{%- endset %}

with nodes as (

    select * from {{ ref('int_identity_nodes') }}

),

linked_components as (

    {{ mta.identity_connected_components(edges_sql) }}

),

final as (

    select
        nodes.identifier,
        nodes.identifier_type,
        coalesce(linked_components.component_key, nodes.identifier) as component_key,
        coalesce(linked_components.propagation_rounds, 0) as propagation_rounds
    from nodes
    left join linked_components
        on nodes.identifier = linked_components.node

)

select * from final
