{#-
    Google Ads offline conversion import rows (CSV template "Conversions from
    clicks"): one row per attributable conversion with a Google click id
    (gclid, gbraid or wbraid; see int_conversions_export_ready), a
    conversion name (macro google_ads_conversion_names) and no consent
    refusal. See _exports__models.yml.
-#}
with

conversions as (
    select * from {{ ref('int_conversions_export_ready') }}
),

conversion_names as (
    {{ mta.mapping_relation(mta.google_ads_conversion_names(), 'conversion_type', 'conversion_name') }}
),

exportable as (
    select
        conversions.conversion_id,
        conversions.google_click_id,
        conversions.google_click_id_type,
        conversions.google_click_id_origin,
        conversion_names.conversion_name,
        conversions.conversion_type,
        conversions.converted_at,
        conversions.revenue
    from conversions
    inner join conversion_names
        on conversions.conversion_type = conversion_names.conversion_type
    where
        conversions.google_click_id is not null
        and not conversions.has_consent_refusal
),

final as (
    select
        cast({{ mta.export_row_id('google_ads', 'exportable.conversion_id') }} as {{ dbt.type_string() }})
            as export_row_id,
        cast(exportable.conversion_id as {{ dbt.type_string() }}) as conversion_id,
        cast(exportable.google_click_id as {{ dbt.type_string() }}) as google_click_id,
        cast(exportable.google_click_id_type as {{ dbt.type_string() }}) as google_click_id_type,
        cast(exportable.google_click_id_origin as {{ dbt.type_string() }}) as google_click_id_origin,
        cast(exportable.conversion_name as {{ dbt.type_string() }}) as conversion_name,
        cast(exportable.conversion_type as {{ dbt.type_string() }}) as conversion_type,
        cast(exportable.converted_at as {{ dbt.type_timestamp() }}) as converted_at,
        cast({{ mta.google_ads_conversion_time('exportable.converted_at') }} as {{ dbt.type_string() }})
            as conversion_time,
        cast({{ mta.round_to('exportable.revenue', 2) }} as decimal(18, 2)) as conversion_value,
        cast('{{ var("mta_reporting_currency", "USD") }}' as {{ dbt.type_string() }}) as conversion_currency
    from exportable
)

select * from final
