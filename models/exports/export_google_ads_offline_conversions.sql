{#-
    Google Ads click conversions ("conversions from clicks"): one row per
    attributable conversion with a Google click id (gclid, gbraid or wbraid;
    see int_conversions_export_ready, which keeps only clicks at most var
    mta_export_click_max_age_days before the conversion), a conversion name
    (macro google_ads_conversion_names) and no consent refusal. The click id
    goes in exactly one of gclid, gbraid, wbraid. google_order_id (the
    conversion id) identifies the conversion for later adjustments.
    scripts/export.py selects what is new and within Google's limits at its
    --as-of time. See _exports__models.yml.
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
        case when conversions.google_click_id_type = 'gclid' then conversions.google_click_id end as gclid,
        case when conversions.google_click_id_type = 'gbraid' then conversions.google_click_id end as gbraid,
        case when conversions.google_click_id_type = 'wbraid' then conversions.google_click_id end as wbraid,
        conversions.google_clicked_at,
        conversion_names.conversion_name,
        conversions.conversion_type,
        conversions.converted_at,
        conversions.revenue,
        conversions.is_refunded_in_full
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
        cast(exportable.conversion_id as {{ dbt.type_string() }}) as google_order_id,
        cast(exportable.google_click_id as {{ dbt.type_string() }}) as google_click_id,
        cast(exportable.google_click_id_type as {{ dbt.type_string() }}) as google_click_id_type,
        cast(exportable.google_click_id_origin as {{ dbt.type_string() }}) as google_click_id_origin,
        cast(exportable.gclid as {{ dbt.type_string() }}) as gclid,
        cast(exportable.gbraid as {{ dbt.type_string() }}) as gbraid,
        cast(exportable.wbraid as {{ dbt.type_string() }}) as wbraid,
        cast(exportable.google_clicked_at as {{ dbt.type_timestamp() }}) as google_clicked_at,
        cast(exportable.conversion_name as {{ dbt.type_string() }}) as conversion_name,
        cast(exportable.conversion_type as {{ dbt.type_string() }}) as conversion_type,
        cast(exportable.converted_at as {{ dbt.type_timestamp() }}) as converted_at,
        cast({{ mta.google_ads_conversion_time('exportable.converted_at') }} as {{ dbt.type_string() }})
            as conversion_time,
        cast({{ mta.round_to('exportable.revenue', 2) }} as decimal(18, 2)) as conversion_value,
        cast('{{ mta.setting('mta_reporting_currency') }}' as {{ dbt.type_string() }}) as conversion_currency,
        cast(exportable.is_refunded_in_full as boolean) as is_refunded_in_full
    from exportable
)

select * from final
