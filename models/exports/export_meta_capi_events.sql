{#-
    Meta Conversions API server events: one row per attributable conversion
    with an event name (macro meta_capi_event_names), at least one customer
    information parameter and no consent refusal. scripts/export.py turns
    the rows into the {"data": [...]} payload. See _exports__models.yml.
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
        conversions.revenue
    from conversions
    inner join event_names
        on conversions.conversion_type = event_names.conversion_type
    left join action_sources
        on conversions.collector = action_sources.collector
    where not conversions.has_consent_refusal
),

final as (
    select
        cast({{ mta.export_row_id('meta_capi', 'exportable.conversion_id') }} as {{ dbt.type_string() }})
            as export_row_id,
        cast(exportable.conversion_id as {{ dbt.type_string() }}) as conversion_id,
        cast(exportable.event_name as {{ dbt.type_string() }}) as event_name,
        cast({{ mta.unix_seconds('exportable.converted_at') }} as bigint) as event_time,
        cast(exportable.converted_at as {{ dbt.type_timestamp() }}) as converted_at,
        cast(exportable.pixel_event_id as {{ dbt.type_string() }}) as event_id,
        cast(exportable.action_source as {{ dbt.type_string() }}) as action_source,
        cast(exportable.email_hash as {{ dbt.type_string() }}) as em,
        cast(exportable.phone_hash as {{ dbt.type_string() }}) as ph,
        cast(exportable.fbc as {{ dbt.type_string() }}) as fbc,
        cast(exportable.external_id as {{ dbt.type_string() }}) as external_id,
        cast({{ mta.round_to('exportable.revenue', 2) }} as decimal(18, 2)) as value,  -- noqa: RF04
        cast('{{ var("mta_reporting_currency", "USD") }}' as {{ dbt.type_string() }}) as currency,
        cast(exportable.conversion_type as {{ dbt.type_string() }}) as conversion_type
    from exportable
    where
        exportable.email_hash is not null
        or exportable.phone_hash is not null
        or exportable.fbc is not null
        or exportable.external_id is not null
)

select * from final
