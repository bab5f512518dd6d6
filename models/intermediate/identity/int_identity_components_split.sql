with oversized_members as (

    select * from {{ ref('int_identity_oversized_members') }}

),

split_labels as (

    select * from {{ ref('int_identity_split_cc_labels') }}

),

final as (

    select
        oversized_members.identifier,
        oversized_members.component_key,
        coalesce(split_labels.component_key, oversized_members.identifier) as split_component_key,
        coalesce(split_labels.propagation_rounds, 0) as propagation_rounds
    from oversized_members
    left join split_labels
        on oversized_members.identifier = split_labels.node
    where not oversized_members.is_hub

)

select * from final
