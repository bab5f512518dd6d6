{#-
    CRM write-back: one row per surviving contact with at least one
    touchpoint, with its first-touch and last-touch fields (dim_contacts).
    See _exports__models.yml.
-#}
{%- set row_key = "contacts.contact_id || ':' || contacts.first_touchpoint_id || ':' || contacts.last_touchpoint_id" -%}

with

contacts as (
    select * from {{ ref('dim_contacts') }}
),

final as (
    select
        cast({{ mta.export_row_id('crm_writeback', row_key) }} as {{ dbt.type_string() }}) as export_row_id,
        contacts.contact_id,
        contacts.first_touch_channel,
        contacts.first_touch_source,
        contacts.first_touch_medium,
        contacts.first_touch_campaign,
        contacts.first_touch_click_id,
        contacts.first_touched_at,
        contacts.last_touch_channel,
        contacts.last_touch_source,
        contacts.last_touch_medium,
        contacts.last_touch_campaign,
        contacts.last_touch_click_id,
        contacts.last_touched_at
    from contacts
    where contacts.first_touchpoint_id is not null
)

select * from final
