{%- set max_component_size = mta.setting('mta_identity_max_component_size') -%}
{%- set hub_min_degree = mta.setting('mta_identity_hub_min_degree') -%}

with components as (

    select * from {{ ref('int_identity_components') }}

),

edges as (

    select * from {{ ref('int_identity_edges') }}

),

component_sizes as (

    select
        components.component_key,
        count(*) as n_identifiers,
        sum(case when components.identifier_type <> 'click' then 1 else 0 end) as n_linking_identifiers
    from components
    group by components.component_key

),

oversized_components as (

    select component_sizes.*
    from component_sizes
    where component_sizes.n_linking_identifiers > {{ max_component_size }}

),

members as (

    select
        components.identifier,
        components.identifier_type,
        components.component_key,
        oversized_components.n_identifiers as component_size,
        oversized_components.n_linking_identifiers as component_linking_size
    from components
    inner join oversized_components
        on components.component_key = oversized_components.component_key

),

member_neighbours as (

    select
        edges.identifier_a as identifier,
        edges.identifier_b as neighbour
    from edges
    inner join members
        on edges.identifier_a = members.identifier
    union
    select
        edges.identifier_b as identifier,
        edges.identifier_a as neighbour
    from edges
    inner join members
        on edges.identifier_b = members.identifier

),

member_degrees as (

    select
        member_neighbours.identifier,
        count(*) as n_neighbours,
        sum(case when member_neighbours.neighbour like 'click:%' then 0 else 1 end) as n_linking_neighbours
    from member_neighbours
    group by member_neighbours.identifier

),

final as (

    select
        members.identifier,
        members.identifier_type,
        members.component_key,
        members.component_size,
        members.component_linking_size,
        coalesce(member_degrees.n_neighbours, 0) as n_neighbours,
        coalesce(member_degrees.n_linking_neighbours, 0) as n_linking_neighbours,
        coalesce(member_degrees.n_linking_neighbours, 0) > {{ hub_min_degree }} as is_hub
    from members
    left join member_degrees
        on members.identifier = member_degrees.identifier

)

select * from final
