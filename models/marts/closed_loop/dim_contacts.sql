with

contacts as (
    select * from {{ ref('int_contacts_resolved') }}
),

touch_bounds as (
    select * from {{ ref('int_person_touch_bounds') }}
),

final as (
    select
        cast(contacts.contact_id as {{ dbt.type_string() }}) as contact_id,
        cast(contacts.person_id as {{ dbt.type_string() }}) as person_id,
        cast(contacts.created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(contacts.lifecycle_stage as {{ dbt.type_string() }}) as lifecycle_stage,
        cast(contacts.lead_source as {{ dbt.type_string() }}) as lead_source,
        cast(contacts.lead_source_category as {{ dbt.type_string() }}) as lead_source_category,
        cast(coalesce(contacts.is_ai_lead_source, false) as boolean) as is_ai_lead_source,
        cast(contacts.n_merged_contacts as bigint) as n_merged_contacts,
        cast(coalesce(touch_bounds.n_touchpoints, 0) as bigint) as n_touchpoints,
        cast(touch_bounds.first_touchpoint_id as {{ dbt.type_string() }}) as first_touchpoint_id,
        cast(touch_bounds.first_touched_at as {{ dbt.type_timestamp() }}) as first_touched_at,
        cast(touch_bounds.first_touch_channel as {{ dbt.type_string() }}) as first_touch_channel,
        cast(touch_bounds.first_touch_source as {{ dbt.type_string() }}) as first_touch_source,
        cast(touch_bounds.first_touch_medium as {{ dbt.type_string() }}) as first_touch_medium,
        cast(touch_bounds.first_touch_campaign as {{ dbt.type_string() }}) as first_touch_campaign,
        cast(touch_bounds.first_touch_click_id as {{ dbt.type_string() }}) as first_touch_click_id,
        cast(touch_bounds.last_touchpoint_id as {{ dbt.type_string() }}) as last_touchpoint_id,
        cast(touch_bounds.last_touched_at as {{ dbt.type_timestamp() }}) as last_touched_at,
        cast(touch_bounds.last_touch_channel as {{ dbt.type_string() }}) as last_touch_channel,
        cast(touch_bounds.last_touch_source as {{ dbt.type_string() }}) as last_touch_source,
        cast(touch_bounds.last_touch_medium as {{ dbt.type_string() }}) as last_touch_medium,
        cast(touch_bounds.last_touch_campaign as {{ dbt.type_string() }}) as last_touch_campaign,
        cast(touch_bounds.last_touch_click_id as {{ dbt.type_string() }}) as last_touch_click_id
    from contacts
    left join touch_bounds
        on contacts.person_id = touch_bounds.person_id
)

select * from final
