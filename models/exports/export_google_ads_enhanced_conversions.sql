{#-
    Google Ads enhanced conversions for leads: one row per attributable
    conversion WITHOUT a usable Google click id, with a conversion name
    (macro google_ads_conversion_names), no consent refusal and at least one
    hashed identifier in Google's form (email: trimmed, lower case, gmail.com
    dots removed; phone: E.164 with '+'; SHA-256 hex, computed in staging).
    Google asks for every such conversion, not only those from its ads.
    export_row_id uses the same 'google_ads' key as the click conversions:
    a conversion goes to Google once, by click id or by identifiers.
    See _exports__models.yml.
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
        conversions.google_email_hash,
        conversions.google_phone_hash,
        conversion_names.conversion_name,
        conversions.conversion_type,
        conversions.converted_at,
        conversions.revenue,
        conversions.is_refunded_in_full
    from conversions
    inner join conversion_names
        on conversions.conversion_type = conversion_names.conversion_type
    where
        conversions.google_click_id is null
        and not conversions.has_consent_refusal
        and (conversions.google_email_hash is not null or conversions.google_phone_hash is not null)
),

final as (
    select
        cast({{ mta.export_row_id('google_ads', 'exportable.conversion_id') }} as {{ dbt.type_string() }})
            as export_row_id,
        cast(exportable.conversion_id as {{ dbt.type_string() }}) as conversion_id,
        cast(exportable.conversion_id as {{ dbt.type_string() }}) as google_order_id,
        cast(exportable.google_email_hash as {{ dbt.type_string() }}) as hashed_email,
        cast(exportable.google_phone_hash as {{ dbt.type_string() }}) as hashed_phone_number,
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
