{%- set max_component_size = mta.setting('mta_identity_max_component_size') -%}

with nodes as (

    select * from {{ ref('int_identity_nodes') }}

),

components as (

    select * from {{ ref('int_identity_components') }}

),

oversized_members as (

    select * from {{ ref('int_identity_oversized_members') }}

),

components_split as (

    select * from {{ ref('int_identity_components_split') }}

),

split_sizes as (

    select
        components_split.split_component_key,
        sum(case when components_split.identifier like 'click:%' then 0 else 1 end) as n_linking_identifiers
    from components_split
    group by components_split.split_component_key

),

identifiers_keyed as (

    select
        nodes.identifier,
        nodes.identifier_type,
        nodes.identifier_value,
        nodes.first_seen_at,
        nodes.last_seen_at,
        components.component_key,
        oversized_members.identifier is not null as is_oversized_component,
        case
            when oversized_members.identifier is null then components.component_key
            when oversized_members.is_hub then nodes.identifier
            when split_sizes.n_linking_identifiers > {{ max_component_size }} then nodes.identifier
            else components_split.split_component_key
        end as person_key,
        case
            when
                oversized_members.identifier is null and components.component_key = nodes.identifier
                and components.propagation_rounds = 0 then 'single'
            when oversized_members.identifier is null then 'linked'
            when oversized_members.is_hub then 'oversized_hub'
            when split_sizes.n_linking_identifiers > {{ max_component_size }} then 'oversized_dissolved'
            else 'oversized_split'
        end as resolution
    from nodes
    inner join components
        on nodes.identifier = components.identifier
    left join oversized_members
        on nodes.identifier = oversized_members.identifier
    left join components_split
        on nodes.identifier = components_split.identifier
    left join split_sizes
        on components_split.split_component_key = split_sizes.split_component_key

),

person_sizes as (

    select
        identifiers_keyed.person_key,
        count(*) as component_size
    from identifiers_keyed
    group by identifiers_keyed.person_key

),

final as (

    select
        identifiers_keyed.identifier,
        identifiers_keyed.identifier_type,
        identifiers_keyed.identifier_value,
        'p_' || substr({{ mta.sha256_hex('identifiers_keyed.person_key') }}, 1, 16) as person_id,
        person_sizes.component_size,
        identifiers_keyed.is_oversized_component,
        identifiers_keyed.person_key,
        identifiers_keyed.component_key,
        identifiers_keyed.resolution,
        identifiers_keyed.first_seen_at,
        identifiers_keyed.last_seen_at
    from identifiers_keyed
    inner join person_sizes
        on identifiers_keyed.person_key = person_sizes.person_key

)

select * from final
