{#-
    One round of min-component_key propagation with pointer jumping; the fixed_point
    materialization reruns it on its own output until no component_key changes.
-#}
{{ config(
    materialized='fixed_point',
    iterate_from='int_conversion_order_labels_initial',
    max_iterations=mta.setting('mta_identity_max_iterations'),
    not_converged_hint='The graph has a component of very large diameter: raise var mta_identity_max_iterations or inspect the edges.',
) }}

with previous_labels as (

    select * from {{ ref('int_conversion_order_labels_initial') }}

),

directed_edges as (

    select * from {{ ref('int_conversion_order_edges') }}

),

neighbour_labels as (

    select
        directed_edges.src as node,
        min(previous_labels.component_key) as component_key
    from directed_edges
    inner join previous_labels
        on directed_edges.dst = previous_labels.node
    group by directed_edges.src

),

propagated as (

    select
        previous_labels.node,
        previous_labels.component_key as previous_component_key,
        previous_labels.propagation_rounds,
        case
            when neighbour_labels.component_key < previous_labels.component_key then neighbour_labels.component_key
            else previous_labels.component_key
        end as component_key
    from previous_labels
    left join neighbour_labels
        on previous_labels.node = neighbour_labels.node

),

jumped as (

    select
        propagated.node,
        propagated.previous_component_key,
        propagated.propagation_rounds,
        case
            when parent.component_key < propagated.component_key then parent.component_key
            else propagated.component_key
        end as component_key
    from propagated
    left join previous_labels as parent
        on propagated.component_key = parent.node

),

final as (

    select
        node,
        component_key,
        propagation_rounds + 1 as propagation_rounds,
        component_key = previous_component_key as is_settled
    from jumped

)

select * from final
