with nodes as (

    select * from {{ ref('int_identity_nodes') }}

),

component_labels as (

    select * from {{ ref('int_identity_cc_labels') }}

),

final as (

    select
        nodes.identifier,
        nodes.identifier_type,
        coalesce(component_labels.component_key, nodes.identifier) as component_key,
        coalesce(component_labels.propagation_rounds, 0) as propagation_rounds
    from nodes
    left join component_labels
        on nodes.identifier = component_labels.node

)

select * from final
