{#-
    Every combination of identifiers seen together on a staged row, per source,
    aggregated (a million page views of one cookie are one row here). Values are
    graph nodes '<type>:<value>'; junk is null. `is_linkable` is false for web
    events with consent_marketing = false: those rows still name their
    identifiers (nodes), but create no links. `linked_identifier` is an extra
    identifier the row links to beyond its own columns: the contact a CRM
    contact was merged into. Conversions: `event_anchor_identifier` and
    `order_anchor_identifier` are the smallest row anchor among all copies of
    the same conversion event and among all rows of the same order (var
    mta_identity_link_conversion_copies, default true), so the browser copy's
    cookie and the server copy's email of one purchase are one person.
-#}
{%- set link_conversion_copies = mta.setting('mta_identity_link_conversion_copies') -%}

with web_events as (

    select * from {{ ref('stg_web__events') }}

),

conversions as (

    select * from {{ ref('stg_collectors__conversions') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

message_events as (

    select * from {{ ref('stg_messaging__events') }}

),

ad_clicks as (

    select * from {{ ref('stg_ads__clicks') }}

),

web_event_values as (

    {#- the two big event tables are first reduced to their distinct raw
        identifier combinations, so the identifier cleaning runs once per
        combination instead of once per event -#}
    select
        coalesce(web_events.consent_marketing, true) as is_linkable,
        web_events.user_id,
        web_events.email_hash,
        web_events.anonymous_id,
        web_events.click_id,
        min(web_events.occurred_at) as first_seen_at,
        max(web_events.occurred_at) as last_seen_at,
        count(*) as n_rows
    from web_events
    group by
        coalesce(web_events.consent_marketing, true),
        web_events.user_id,
        web_events.email_hash,
        web_events.anonymous_id,
        web_events.click_id

),

web_event_rows as (

    select
        'web_events' as source_table,
        web_event_values.is_linkable,
        cast(null as {{ dbt.type_string() }}) as contact_identifier,
        {{ mta.identity_identifier('user', 'web_event_values.user_id') }} as user_identifier,
        {{ mta.identity_identifier('email', 'web_event_values.email_hash') }} as email_identifier,
        cast(null as {{ dbt.type_string() }}) as phone_identifier,
        {{ mta.identity_identifier('anon', 'web_event_values.anonymous_id') }} as anonymous_identifier,
        {{ mta.identity_identifier('click', 'web_event_values.click_id') }} as click_identifier,
        cast(null as {{ dbt.type_string() }}) as linked_identifier,
        cast(null as {{ dbt.type_string() }}) as event_anchor_identifier,
        cast(null as {{ dbt.type_string() }}) as order_anchor_identifier,
        web_event_values.first_seen_at,
        web_event_values.last_seen_at,
        web_event_values.n_rows
    from web_event_values

),

conversion_rows as (

    select
        conversions.conversion_event_id,
        {{ mta.identity_clean_value('conversions.order_id') }} as order_id,
        {{ mta.identity_identifier('user', 'conversions.user_id') }} as user_identifier,
        {{ mta.identity_identifier('email', 'conversions.email_hash') }} as email_identifier,
        {{ mta.identity_identifier('phone', 'conversions.phone_hash') }} as phone_identifier,
        {{ mta.identity_identifier('anon', 'conversions.anonymous_id') }} as anonymous_identifier,
        {{ mta.identity_identifier('click', 'conversions.click_id') }} as click_identifier,
        conversions.occurred_at as seen_at
    from conversions

),

conversion_rows_anchored as (

    select
        conversion_rows.*,
        coalesce(
            conversion_rows.user_identifier,
            conversion_rows.email_identifier,
            conversion_rows.phone_identifier,
            conversion_rows.anonymous_identifier,
            conversion_rows.click_identifier
        ) as row_anchor
    from conversion_rows

),

conversion_copy_anchors as (

    {#- every copy of one conversion event, and every conversion row of one
        order, links to the smallest anchor of its group -#}
    select
        conversion_rows_anchored.*,
        min(conversion_rows_anchored.row_anchor) over (
            partition by conversion_rows_anchored.conversion_event_id
        ) as event_anchor,
        case
            when conversion_rows_anchored.order_id is not null
                then min(conversion_rows_anchored.row_anchor) over (
                    partition by conversion_rows_anchored.order_id
                )
        end as order_anchor
    from conversion_rows_anchored

),

conversion_observation_rows as (

    select
        'conversions' as source_table,
        true as is_linkable,
        cast(null as {{ dbt.type_string() }}) as contact_identifier,
        conversion_copy_anchors.user_identifier,
        conversion_copy_anchors.email_identifier,
        conversion_copy_anchors.phone_identifier,
        conversion_copy_anchors.anonymous_identifier,
        conversion_copy_anchors.click_identifier,
        cast(null as {{ dbt.type_string() }}) as linked_identifier,
        {%- if link_conversion_copies %}
        conversion_copy_anchors.event_anchor as event_anchor_identifier,
        conversion_copy_anchors.order_anchor as order_anchor_identifier,
        {%- else %}
        cast(null as {{ dbt.type_string() }}) as event_anchor_identifier,
        cast(null as {{ dbt.type_string() }}) as order_anchor_identifier,
        {%- endif %}
        conversion_copy_anchors.seen_at as first_seen_at,
        conversion_copy_anchors.seen_at as last_seen_at,
        1 as n_rows
    from conversion_copy_anchors

),

contact_rows as (

    select
        'crm_contacts' as source_table,
        true as is_linkable,
        {{ mta.identity_identifier('contact', 'contacts.contact_id') }} as contact_identifier,
        cast(null as {{ dbt.type_string() }}) as user_identifier,
        {{ mta.identity_identifier('email', 'contacts.email_hash') }} as email_identifier,
        {{ mta.identity_identifier('phone', 'contacts.phone_hash') }} as phone_identifier,
        {{ mta.identity_identifier('anon', 'contacts.anonymous_id') }} as anonymous_identifier,
        {{ mta.identity_identifier('click', 'contacts.gclid') }} as click_identifier,
        {{ mta.identity_identifier('contact', 'contacts.merged_into_contact_id') }} as linked_identifier,
        cast(null as {{ dbt.type_string() }}) as event_anchor_identifier,
        cast(null as {{ dbt.type_string() }}) as order_anchor_identifier,
        contacts.created_at as first_seen_at,
        contacts.created_at as last_seen_at,
        1 as n_rows
    from contacts

    union all

    -- the contact was also seen when it was last updated
    select
        'crm_contacts' as source_table,
        true as is_linkable,
        {{ mta.identity_identifier('contact', 'contacts.contact_id') }} as contact_identifier,
        cast(null as {{ dbt.type_string() }}) as user_identifier,
        cast(null as {{ dbt.type_string() }}) as email_identifier,
        cast(null as {{ dbt.type_string() }}) as phone_identifier,
        cast(null as {{ dbt.type_string() }}) as anonymous_identifier,
        cast(null as {{ dbt.type_string() }}) as click_identifier,
        cast(null as {{ dbt.type_string() }}) as linked_identifier,
        cast(null as {{ dbt.type_string() }}) as event_anchor_identifier,
        cast(null as {{ dbt.type_string() }}) as order_anchor_identifier,
        contacts.updated_at as first_seen_at,
        contacts.updated_at as last_seen_at,
        1 as n_rows
    from contacts
    where contacts.updated_at is not null

),

deal_rows as (

    select
        'crm_deals' as source_table,
        true as is_linkable,
        {{ mta.identity_identifier('contact', 'deals.contact_id') }} as contact_identifier,
        cast(null as {{ dbt.type_string() }}) as user_identifier,
        cast(null as {{ dbt.type_string() }}) as email_identifier,
        cast(null as {{ dbt.type_string() }}) as phone_identifier,
        cast(null as {{ dbt.type_string() }}) as anonymous_identifier,
        cast(null as {{ dbt.type_string() }}) as click_identifier,
        cast(null as {{ dbt.type_string() }}) as linked_identifier,
        cast(null as {{ dbt.type_string() }}) as event_anchor_identifier,
        cast(null as {{ dbt.type_string() }}) as order_anchor_identifier,
        deals.created_at as first_seen_at,
        deals.created_at as last_seen_at,
        1 as n_rows
    from deals

),

message_event_values as (

    select
        message_events.contact_id,
        message_events.user_id,
        message_events.email_hash,
        message_events.phone_hash,
        min(message_events.occurred_at) as first_seen_at,
        max(message_events.occurred_at) as last_seen_at,
        count(*) as n_rows
    from message_events
    group by
        message_events.contact_id,
        message_events.user_id,
        message_events.email_hash,
        message_events.phone_hash

),

message_rows as (

    select
        'message_events' as source_table,
        true as is_linkable,
        {{ mta.identity_identifier('contact', 'message_event_values.contact_id') }} as contact_identifier,
        {{ mta.identity_identifier('user', 'message_event_values.user_id') }} as user_identifier,
        {{ mta.identity_identifier('email', 'message_event_values.email_hash') }} as email_identifier,
        {{ mta.identity_identifier('phone', 'message_event_values.phone_hash') }} as phone_identifier,
        cast(null as {{ dbt.type_string() }}) as anonymous_identifier,
        cast(null as {{ dbt.type_string() }}) as click_identifier,
        cast(null as {{ dbt.type_string() }}) as linked_identifier,
        cast(null as {{ dbt.type_string() }}) as event_anchor_identifier,
        cast(null as {{ dbt.type_string() }}) as order_anchor_identifier,
        message_event_values.first_seen_at,
        message_event_values.last_seen_at,
        message_event_values.n_rows
    from message_event_values

),

ad_click_rows as (

    {#- the click log names click ids (so a click with no landing still
        resolves to a person of its own); it links a click to a visitor only
        if a tracker ever fills landing_anonymous_id -#}
    select
        'ad_clicks' as source_table,
        true as is_linkable,
        cast(null as {{ dbt.type_string() }}) as contact_identifier,
        cast(null as {{ dbt.type_string() }}) as user_identifier,
        cast(null as {{ dbt.type_string() }}) as email_identifier,
        cast(null as {{ dbt.type_string() }}) as phone_identifier,
        {{ mta.identity_identifier('anon', 'ad_clicks.landing_anonymous_id') }} as anonymous_identifier,
        {{ mta.identity_identifier('click', 'ad_clicks.click_id') }} as click_identifier,
        cast(null as {{ dbt.type_string() }}) as linked_identifier,
        cast(null as {{ dbt.type_string() }}) as event_anchor_identifier,
        cast(null as {{ dbt.type_string() }}) as order_anchor_identifier,
        ad_clicks.clicked_at as first_seen_at,
        ad_clicks.clicked_at as last_seen_at,
        1 as n_rows
    from ad_clicks

),

all_rows as (

    select * from web_event_rows
    union all
    select * from conversion_observation_rows
    union all
    select * from contact_rows
    union all
    select * from deal_rows
    union all
    select * from message_rows
    union all
    select * from ad_click_rows

),

final as (

    select
        all_rows.source_table,
        all_rows.is_linkable,
        all_rows.contact_identifier,
        all_rows.user_identifier,
        all_rows.email_identifier,
        all_rows.phone_identifier,
        all_rows.anonymous_identifier,
        all_rows.click_identifier,
        all_rows.linked_identifier,
        all_rows.event_anchor_identifier,
        all_rows.order_anchor_identifier,
        min(all_rows.first_seen_at) as first_seen_at,
        max(all_rows.last_seen_at) as last_seen_at,
        cast(sum(all_rows.n_rows) as {{ dbt.type_bigint() }}) as n_rows
    from all_rows
    where
        coalesce(
            all_rows.contact_identifier,
            all_rows.user_identifier,
            all_rows.email_identifier,
            all_rows.phone_identifier,
            all_rows.anonymous_identifier,
            all_rows.click_identifier,
            all_rows.linked_identifier,
            all_rows.event_anchor_identifier,
            all_rows.order_anchor_identifier
        ) is not null
    group by
        all_rows.source_table,
        all_rows.is_linkable,
        all_rows.contact_identifier,
        all_rows.user_identifier,
        all_rows.email_identifier,
        all_rows.phone_identifier,
        all_rows.anonymous_identifier,
        all_rows.click_identifier,
        all_rows.linked_identifier,
        all_rows.event_anchor_identifier,
        all_rows.order_anchor_identifier

)

select * from final
