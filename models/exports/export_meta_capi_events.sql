{#-
    Meta Conversions API server events: one row per attributable conversion
    with an event name (macro meta_capi_event_names), at least one customer
    information parameter (em, ph, external_id, fbc) and no consent refusal.
    action_source comes from the collector (macro meta_capi_action_sources).
    Website events carry the converting session's client_user_agent and
    event_source_url (int_conversions_export_ready); Meta requires both, so
    a website event without them, and an app or business_messaging event
    (whose app_data or messaging_channel the raw data cannot give), stays
    here with a send_blocked_reason and is never sent. scripts/export.py
    selects what is new and inside Meta's age limit at its --as-of time and
    turns the rows into request bodies of at most 1,000 events.
    See _exports__models.yml.
-#}
with

conversions as (
    select * from {{ ref('int_conversions_export_ready') }}
),

event_names as (
    {{ mta.mapping_relation(mta.meta_capi_event_names(), 'conversion_type', 'event_name') }}
),

action_sources as (
    {{ mta.mapping_relation(mta.meta_capi_action_sources(), 'collector', 'action_source') }}
),

exportable as (
    select
        conversions.conversion_id,
        conversions.conversion_type,
        event_names.event_name,
        conversions.converted_at,
        conversions.pixel_event_id,
        coalesce(action_sources.action_source, 'other') as action_source,
        conversions.email_hash,
        conversions.phone_hash,
        case
            when conversions.fbclid is not null and conversions.fb_clicked_at is not null
                then
                    'fb.1.'
                    || cast({{ mta.unix_millis('conversions.fb_clicked_at') }} as {{ dbt.type_string() }})
                    || '.' || conversions.fbclid
        end as fbc,
        case
            when conversions.user_id is not null then {{ mta.sha256_hex('conversions.user_id') }}
        end as external_id,
        conversions.client_user_agent,
        conversions.event_source_url,
        conversions.revenue,
        conversions.is_refunded_in_full
    from conversions
    inner join event_names
        on conversions.conversion_type = event_names.conversion_type
    left join action_sources
        on conversions.collector = action_sources.collector
    where not conversions.has_consent_refusal
),

with_website_fields as (
    select
        exportable.*,
        case
            when exportable.action_source = 'website' then exportable.client_user_agent
        end as website_user_agent,
        case
            when
                exportable.action_source = 'website'
                and (exportable.event_source_url like 'http://%' or exportable.event_source_url like 'https://%')
                then exportable.event_source_url
        end as website_source_url
    from exportable
),

final as (
    select
        cast({{ mta.export_row_id('meta_capi', 'with_website_fields.conversion_id') }} as {{ dbt.type_string() }})
            as export_row_id,
        cast(with_website_fields.conversion_id as {{ dbt.type_string() }}) as conversion_id,
        cast(with_website_fields.event_name as {{ dbt.type_string() }}) as event_name,
        cast({{ mta.unix_seconds('with_website_fields.converted_at') }} as bigint) as event_time,
        cast(with_website_fields.converted_at as {{ dbt.type_timestamp() }}) as converted_at,
        cast(with_website_fields.pixel_event_id as {{ dbt.type_string() }}) as event_id,
        cast(with_website_fields.action_source as {{ dbt.type_string() }}) as action_source,
        cast(with_website_fields.email_hash as {{ dbt.type_string() }}) as em,
        cast(with_website_fields.phone_hash as {{ dbt.type_string() }}) as ph,
        cast(with_website_fields.fbc as {{ dbt.type_string() }}) as fbc,
        cast(with_website_fields.external_id as {{ dbt.type_string() }}) as external_id,
        cast(with_website_fields.website_user_agent as {{ dbt.type_string() }}) as client_user_agent,
        cast(with_website_fields.website_source_url as {{ dbt.type_string() }}) as event_source_url,
        cast({{ mta.round_to('with_website_fields.revenue', 2) }} as decimal(18, 2)) as value,  -- noqa: RF04
        cast('{{ mta.setting('mta_reporting_currency') }}' as {{ dbt.type_string() }}) as currency,
        cast(with_website_fields.conversion_type as {{ dbt.type_string() }}) as conversion_type,
        cast(with_website_fields.is_refunded_in_full as boolean) as is_refunded_in_full,
        cast(
            case
                when
                    with_website_fields.action_source = 'website'
                    and (
                        with_website_fields.website_user_agent is null
                        or with_website_fields.website_source_url is null
                    )
                    then 'website_event_without_session'
                when with_website_fields.action_source = 'app' then 'app_event_without_app_data'
                when with_website_fields.action_source = 'business_messaging'
                    then 'business_messaging_event_without_messaging_channel'
            end as {{ dbt.type_string() }}
        ) as send_blocked_reason
    from with_website_fields
    where
        with_website_fields.email_hash is not null
        or with_website_fields.phone_hash is not null
        or with_website_fields.fbc is not null
        or with_website_fields.external_id is not null
)

select * from final
