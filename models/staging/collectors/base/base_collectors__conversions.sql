{{ config(**mta.partitioned_incremental_config()) }}
{#- The deduplication key over the raw columns. Rows sharing the row key (the raw
    text of the same columns) share it too, so its groups cover both keys. #}
{%- set row_keys = [
    mta.clean_identifier('conversion_event_id') ~ " || '|' || lower(" ~ mta.clean_identifier('collector') ~ ')',
] %}
{%- set window = mta.late_data_window('conversions', 'occurred_at', row_keys) %}

with

{#- Incremental: the rebuilt partitions' rows and their key groups (macros/incremental). #}
source_rows as (
    {{ mta.incremental_source_rows('conversions', 'occurred_at', row_keys, window) }}
),

{{ mta.currency_import_ctes() }},

known_collectors as (
    select * from {{ mta.seed_ref('collector_precedence') }}
),

source_with_json as (
    select
        source_rows.*,
        {{ mta.raw_row_json('conversions', 'source_rows') }} as raw_row_json
    from source_rows
),

typed as (
    select
        {{ mta.as_text('conversion_event_id') }} || '|' || {{ mta.as_text('collector') }} as row_key,
        {{ mta.clean_identifier('conversion_event_id') }} as conversion_event_id,
        {{ mta.clean_identifier('order_id') }} as order_id,
        {{ mta.clean_lower('conversion_type') }} as conversion_type,
        {{ mta.parse_iso_timestamp(mta.as_text('occurred_at')) }} as occurred_at,
        {{ mta.timestamp_lacks_utc_offset(mta.as_text('occurred_at')) }} as lacks_utc_offset,
        lower({{ mta.clean_identifier('collector') }}) as collector,
        {{ mta.clean_identifier('anonymous_id') }} as anonymous_id,
        {{ mta.clean_identifier('user_id') }} as user_id,
        {{ mta.email_hash(mta.as_text('email')) }} as email_hash,
        {{ mta.phone_hash(mta.as_text('phone')) }} as phone_hash,
        {{ mta.clean_identifier('click_id') }} as click_id,
        revenue as revenue_raw,
        {{ mta.safe_cast_float('revenue') }} as revenue_original,
        {{ mta.effective_currency('revenue', 'currency') }} as currency,
        {{ mta.safe_cast_boolean('skip_attribution') }} as skip_attribution,
        {{ mta.clean_identifier('store_id') }} as store_id,
        _raw_fingerprint as raw_fingerprint,
        raw_row_json
    from source_with_json
),

checked as (
    select
        typed.*,
        typed.revenue_original * row_rates.rate_to_usd / reporting_currency_rate.reporting_rate_to_usd as revenue,
        {{ mta.quarantine_reason_case({
            'missing_key': 'typed.conversion_event_id is null or typed.collector is null',
            'missing_utc_offset': 'typed.lacks_utc_offset',
            'unparseable_timestamp': 'typed.occurred_at is null',
            'implausible_timestamp': mta.is_implausible_timestamp('typed.occurred_at'),
            'invalid_value': 'typed.conversion_type is null or known_collectors.collector is null',
            'invalid_amount': mta.is_invalid_amount('typed.revenue_raw', 'typed.revenue_original', 'row_rates.rate_to_usd'),
            'unknown_currency': 'typed.revenue_original is not null and row_rates.currency is null',
        }) }} as invalid_reason
    from typed
    left join currency_rates as row_rates
        on typed.currency = row_rates.currency
    left join reporting_currency_rate
        on 1 = 1
    left join known_collectors
        on typed.collector = known_collectors.collector
),

duplicates_ranked as (
    select
        *,
        {{ mta.event_partition_date('occurred_at') }} as partition_date,
        row_number() over (
            partition by conversion_event_id, collector, invalid_reason is null
            order by occurred_at, raw_row_json
        ) as duplicate_rank
    from checked
),

rows_identified as (
    select
        row_key,
        {{ mta.base_row_id('partition_date') }} as base_row_id,
        coalesce(
            invalid_reason,
            case when duplicate_rank > 1 then 'duplicate_event' end
        ) as quarantine_reason,
        conversion_event_id || '|' || collector as conversion_row_id,
        conversion_event_id,
        order_id,
        conversion_type,
        occurred_at,
        collector,
        anonymous_id,
        user_id,
        email_hash,
        phone_hash,
        click_id,
        cast(revenue as {{ mta.double_type() }}) as revenue,
        cast(revenue_original as {{ mta.double_type() }}) as revenue_original,
        currency,
        skip_attribution,
        store_id,
        raw_fingerprint,
        case when invalid_reason is not null or duplicate_rank > 1 then raw_row_json end as raw_row_json,
        partition_date
    from duplicates_ranked
),

-- filtered after the row ids are numbered over whole key groups
final as (
    select *
    from rows_identified
    where {{ mta.in_late_data_window('partition_date', window) }}
)

select * from final
{{- mta.emptied_partition_rows(window) }}
