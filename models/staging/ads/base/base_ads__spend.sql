with

source_rows as (
    select * from {{ mta.raw_rows('ad_spend') }} as raw_ad_spend
),

{{ mta.currency_import_ctes() }},

vocab_source_aliases as (
    select * from {{ ref('stg_reference__utm_source_aliases') }}
),

vocab_source_categories as (
    select * from {{ ref('stg_reference__source_categories') }}
),

source_with_json as (
    select
        source_rows.*,
        {{ mta.raw_row_json('ad_spend', 'source_rows') }} as raw_row_json
    from source_rows
),

typed as (
    select
        {{ mta.as_text('spend_date') }} || '|' || {{ mta.as_text('platform') }}
        || '|' || {{ mta.as_text('campaign_id') }} as row_key,
        {{ mta.parse_iso_date(mta.as_text('spend_date')) }} as spend_date,
        {{ mta.clean_identifier('platform') }} as platform,
        {{ mta.normalize_utm_value(mta.clean_identifier('platform')) }} as platform_normalized,
        {{ mta.clean_identifier('campaign_id') }} as campaign_id,
        nullif(trim({{ mta.as_text('campaign_name') }}), '') as campaign_name,
        impressions as impressions_raw,
        clicks as clicks_raw,
        {{ mta.whole_number('impressions') }} as impressions,
        {{ mta.whole_number('clicks') }} as clicks,
        spend as spend_raw,
        {{ mta.safe_cast_float('spend') }} as spend_original,
        {{ mta.safe_cast_float('platform_conversions') }} as platform_conversions,
        {{ mta.safe_cast_float('platform_conversion_value') }} as platform_conversion_value_original,
        {{ mta.effective_currency(
            'coalesce(' ~ mta.as_text('spend') ~ ', ' ~ mta.as_text('platform_conversion_value') ~ ')',
            'currency',
        ) }} as currency,
        _loaded_at,
        raw_row_json
    from source_with_json
),

{{ mta.source_lookup_cte('typed', 'platform_normalized', 'platform') }},

checked as (
    select
        typed.*,
        coalesce(platform_sources.source, typed.platform_normalized) as source,  -- noqa: RF04
        coalesce(platform_sources.default_paid_channel, 'other') as channel,
        typed.spend_original * row_rates.rate_to_usd / reporting_currency_rate.reporting_rate_to_usd as spend,
        typed.platform_conversion_value_original * row_rates.rate_to_usd / reporting_currency_rate.reporting_rate_to_usd
            as platform_conversion_value,
        {{ mta.quarantine_reason_case({
            'missing_key': 'typed.platform_normalized is null or typed.campaign_id is null',
            'unparseable_timestamp': 'typed.spend_date is null',
            'implausible_timestamp': mta.is_implausible_timestamp('cast(typed.spend_date as ' ~ dbt.type_timestamp() ~ ')'),
            'invalid_value': '(typed.impressions_raw is not null and (typed.impressions is null or typed.impressions < 0)) or (typed.clicks_raw is not null and (typed.clicks is null or typed.clicks < 0))',
            'invalid_amount': mta.is_invalid_amount('typed.spend_raw', 'typed.spend_original', 'row_rates.rate_to_usd')
                ~ ' or ' ~ mta.is_invalid_amount('typed.platform_conversion_value_original', 'typed.platform_conversion_value_original', 'row_rates.rate_to_usd')
                ~ ' or ' ~ mta.is_invalid_amount('typed.platform_conversions', 'typed.platform_conversions'),
            'unknown_currency': '(typed.spend_original is not null or typed.platform_conversion_value_original is not null) and row_rates.currency is null',
        }) }} as invalid_reason
    from typed
    left join platform_sources
        on typed.platform_normalized = platform_sources.source_key
    left join currency_rates as row_rates
        on typed.currency = row_rates.currency
    left join reporting_currency_rate
        on 1 = 1
),

{# One row per day x platform x campaign, the platform normalized (`Google
    Ads`, `google ads` and `adwords` are one platform). Among copies of one
    key, the latest load wins (var mta_load_timestamp_column); an older load
    or a copy with the same figures is a duplicate_event. Copies with other
    figures that no load time orders are conflicting_duplicate: one is kept
    (the first by its raw row), so spend is never counted twice. #}
duplicates_ranked as (
    select
        *,
        row_number() over (
            partition by spend_date, source, campaign_id, invalid_reason is null
            order by _loaded_at desc nulls last, raw_row_json asc
        ) as duplicate_rank
    from checked
),

final as (
    select
        row_key,
        {{ mta.base_row_id() }} as base_row_id,
        coalesce(
            invalid_reason,
            {{ mta.copy_quarantine_reason(
                'spend_date, source, campaign_id, invalid_reason is null',
                mta.columns_key(['_loaded_at']),
                mta.columns_key(['spend_original', 'currency', 'impressions', 'clicks', 'platform_conversions',
                    'platform_conversion_value_original', 'campaign_name']),
            ) }}
        ) as quarantine_reason,
        cast(spend_date as {{ dbt.type_string() }}) || '|' || source || '|' || campaign_id as spend_id,
        spend_date,
        platform,
        source,
        channel,
        campaign_id,
        campaign_name,
        impressions,
        clicks,
        cast(spend as {{ mta.double_type() }}) as spend,
        cast(spend_original as {{ mta.double_type() }}) as spend_original,
        currency,
        cast(platform_conversions as {{ mta.double_type() }}) as platform_conversions,
        cast(platform_conversion_value as {{ mta.double_type() }}) as platform_conversion_value,
        cast(platform_conversion_value_original as {{ mta.double_type() }}) as platform_conversion_value_original,
        case when invalid_reason is not null or duplicate_rank > 1 then raw_row_json end as raw_row_json
    from duplicates_ranked
)

select * from final
