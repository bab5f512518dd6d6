{#- First and last touch come from int_person_touch_bounds, which dim_contacts reads too. -#}

with identifiers as (

    select * from {{ ref('int_identifiers_resolved') }}

),

touch_bounds as (

    select * from {{ ref('int_person_touch_bounds') }}

),

person_identifiers as (

    select
        identifiers.person_id,
        cast(count(*) as {{ dbt.type_bigint() }}) as n_identifiers,
        count(case when identifiers.identifier_type = 'anon' then 1 end) as n_anonymous_ids,
        count(case when identifiers.identifier_type = 'user' then 1 end) as n_user_ids,
        count(case when identifiers.identifier_type = 'email' then 1 end) as n_emails,
        count(case when identifiers.identifier_type = 'phone' then 1 end) as n_phones,
        count(case when identifiers.identifier_type = 'contact' then 1 end) as n_contacts,
        count(case when identifiers.identifier_type = 'click' then 1 end) as n_click_ids,
        min(identifiers.first_seen_at) as first_seen_at,
        max(identifiers.last_seen_at) as last_seen_at,
        max(case when identifiers.is_oversized_component then 1 else 0 end) = 1 as is_from_oversized_component
    from identifiers
    group by identifiers.person_id

),

final as (

    select
        person_identifiers.person_id,
        person_identifiers.n_identifiers,
        person_identifiers.n_anonymous_ids,
        person_identifiers.n_user_ids,
        person_identifiers.n_emails,
        person_identifiers.n_phones,
        person_identifiers.n_contacts,
        person_identifiers.n_click_ids,
        person_identifiers.n_anonymous_ids as n_devices,
        person_identifiers.first_seen_at,
        person_identifiers.last_seen_at,
        touch_bounds.first_touched_at,
        touch_bounds.first_touch_channel,
        touch_bounds.last_touched_at,
        touch_bounds.last_touch_channel,
        cast(coalesce(touch_bounds.n_touchpoints, 0) as {{ dbt.type_bigint() }}) as n_touchpoints,
        person_identifiers.is_from_oversized_component
    from person_identifiers
    left join touch_bounds
        on person_identifiers.person_id = touch_bounds.person_id

)

select * from final
