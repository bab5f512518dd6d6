with oversized_members as (

    select * from {{ ref('int_identity_oversized_members') }}

),

identifiers as (

    select * from {{ ref('int_identifiers_resolved') }}

),

ranked_hubs as (

    select
        oversized_members.component_key,
        oversized_members.identifier,
        oversized_members.n_linking_neighbours,
        row_number() over (
            partition by oversized_members.component_key
            order by oversized_members.n_linking_neighbours desc, oversized_members.identifier asc
        ) as hub_rank
    from oversized_members
    where oversized_members.is_hub

),

component_members as (

    select
        oversized_members.component_key,
        cast(count(*) as {{ dbt.type_bigint() }}) as n_identifiers,
        count(case when oversized_members.identifier_type <> 'click' then 1 end) as n_linking_identifiers,
        count(case when oversized_members.identifier_type = 'anon' then 1 end) as n_anonymous_ids,
        count(case when oversized_members.identifier_type = 'user' then 1 end) as n_user_ids,
        count(case when oversized_members.identifier_type = 'email' then 1 end) as n_emails,
        count(case when oversized_members.identifier_type = 'phone' then 1 end) as n_phones,
        count(case when oversized_members.identifier_type = 'contact' then 1 end) as n_contacts,
        count(case when oversized_members.identifier_type = 'click' then 1 end) as n_click_ids,
        count(case when oversized_members.is_hub then 1 end) as n_hubs
    from oversized_members
    group by oversized_members.component_key

),

component_persons as (

    select
        identifiers.component_key,
        cast(count(distinct identifiers.person_id) as {{ dbt.type_bigint() }}) as n_persons_after_split,
        count(case when identifiers.resolution = 'oversized_dissolved' then 1 end) as n_dissolved_identifiers
    from identifiers
    where identifiers.is_oversized_component
    group by identifiers.component_key

),

final as (

    select
        component_members.component_key,
        component_members.n_identifiers,
        component_members.n_linking_identifiers,
        component_members.n_anonymous_ids,
        component_members.n_user_ids,
        component_members.n_emails,
        component_members.n_phones,
        component_members.n_contacts,
        component_members.n_click_ids,
        component_members.n_hubs,
        ranked_hubs.identifier as top_hub_identifier,
        cast(ranked_hubs.n_linking_neighbours as {{ dbt.type_bigint() }}) as top_hub_linking_neighbours,
        component_persons.n_persons_after_split,
        component_persons.n_dissolved_identifiers
    from component_members
    left join ranked_hubs
        on
            component_members.component_key = ranked_hubs.component_key
            and ranked_hubs.hub_rank = 1
    left join component_persons
        on component_members.component_key = component_persons.component_key

)

select * from final
