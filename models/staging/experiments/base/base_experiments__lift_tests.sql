{#-
    Every lift-test row, from raw.lift_tests and from the lift_tests seed
    (small teams keep their tests there), typed, with its quarantine reason.
    Revenue is converted to the reporting currency. A number that is not
    finite counts as unreadable.
-#}
{%- set finite = "between -1e15 and 1e15" -%}

with

raw_lift_tests as (
    select * from {{ mta.raw_rows('lift_tests') }} as raw_table
),

seed_lift_tests as (
    select * from {{ mta.raw_seed_rows('lift_tests') }} as seed_table
),

channels as (
    select * from {{ mta.seed_ref('channel_lookback_windows') }}
),

conversion_types as (
    select * from {{ mta.seed_ref('conversion_types') }}
),

{{ mta.currency_import_ctes() }},

source_rows as (
    select
        'raw' as input_origin,
        raw_lift_tests.*
    from raw_lift_tests
    union all
    select
        'seed' as input_origin,
        seed_lift_tests.*
    from seed_lift_tests
),

source_with_json as (
    select
        source_rows.*,
        {{ mta.raw_row_json('lift_tests', 'source_rows', [('input_origin', 'source_rows.input_origin')]) }}
            as raw_row_json
    from source_rows
),

typed as (
    select
        input_origin,
        {{ mta.as_text('experiment_id') }} as row_key,
        {{ mta.clean_identifier('experiment_id') }} as experiment_id,
        {{ mta.clean_lower('channel') }} as channel,  -- noqa: RF04
        nullif(trim({{ mta.as_text('campaign') }}), '') as campaign,
        {{ mta.parse_iso_date(mta.as_text('start_date')) }} as start_date,
        {{ mta.parse_iso_date(mta.as_text('end_date')) }} as end_date,
        {{ mta.clean_lower('method') }} as method,  -- noqa: RF04
        {{ mta.clean_lower('conversion_type') }} as conversion_type,
        incremental_conversions,
        incremental_conversions_low,
        incremental_conversions_high,
        incremental_revenue as incremental_revenue_original,
        incremental_revenue_low as incremental_revenue_low_original,
        incremental_revenue_high as incremental_revenue_high_original,
        {{ mta.effective_currency(
            'coalesce(' ~ mta.as_text('incremental_revenue') ~ ', '
            ~ mta.as_text('incremental_revenue_low') ~ ', ' ~ mta.as_text('incremental_revenue_high') ~ ')',
            'currency',
        ) }} as currency,
        interval_level as interval_level_raw,
        coalesce(interval_level, {{ mta.setting('mta_experiment_default_interval_level') }}) as interval_level,
        _loaded_at,
        raw_row_json
    from source_with_json
),

{# invalid_value: what makes a test unusable or self-contradictory (an end
    before its start, an unknown channel or conversion type, no readable
    estimate, half an interval, an interval of no width or one that does
    not contain its estimate, a confidence level outside (0, 1)). A
    negative estimate is a real result (the test found no lift), not an
    error. #}
checked as (
    select
        typed.*,
        typed.incremental_revenue_original * row_rates.rate_to_usd / reporting_currency_rate.reporting_rate_to_usd
            as incremental_revenue,
        typed.incremental_revenue_low_original * row_rates.rate_to_usd / reporting_currency_rate.reporting_rate_to_usd
            as incremental_revenue_low,
        typed.incremental_revenue_high_original * row_rates.rate_to_usd / reporting_currency_rate.reporting_rate_to_usd
            as incremental_revenue_high,
        {{ mta.quarantine_reason_case({
            'missing_key': 'typed.experiment_id is null',
            'unparseable_timestamp': 'typed.start_date is null or typed.end_date is null',
            'implausible_timestamp': mta.is_implausible_timestamp('cast(typed.start_date as ' ~ dbt.type_timestamp() ~ ')')
                ~ ' or ' ~ mta.is_implausible_timestamp('cast(typed.end_date as ' ~ dbt.type_timestamp() ~ ')'),
            'invalid_value': 'typed.end_date < typed.start_date'
                ~ ' or channels.channel is null'
                ~ ' or (typed.conversion_type is not null and not coalesce(conversion_types.is_attributable, false))'
                ~ ' or not coalesce(typed.incremental_conversions ' ~ finite ~ ', false)'
                ~ ' or (typed.incremental_conversions_low is null) <> (typed.incremental_conversions_high is null)'
                ~ ' or not coalesce(typed.incremental_conversions_low ' ~ finite ~ ', true)'
                ~ ' or not coalesce(typed.incremental_conversions_high ' ~ finite ~ ', true)'
                ~ ' or typed.incremental_conversions_low >= typed.incremental_conversions_high'
                ~ ' or typed.incremental_conversions < typed.incremental_conversions_low'
                ~ ' or typed.incremental_conversions > typed.incremental_conversions_high'
                ~ ' or not coalesce(typed.incremental_revenue_original ' ~ finite ~ ', true)'
                ~ ' or (typed.incremental_revenue_low_original is null) <> (typed.incremental_revenue_high_original is null)'
                ~ ' or (typed.incremental_revenue_original is null and typed.incremental_revenue_low_original is not null)'
                ~ ' or not coalesce(typed.incremental_revenue_low_original ' ~ finite ~ ', true)'
                ~ ' or not coalesce(typed.incremental_revenue_high_original ' ~ finite ~ ', true)'
                ~ ' or typed.incremental_revenue_low_original >= typed.incremental_revenue_high_original'
                ~ ' or typed.incremental_revenue_original < typed.incremental_revenue_low_original'
                ~ ' or typed.incremental_revenue_original > typed.incremental_revenue_high_original'
                ~ ' or not coalesce(typed.interval_level > 0 and typed.interval_level < 1, false)',
            'unknown_currency': 'typed.incremental_revenue_original is not null and row_rates.currency is null',
        }) }} as invalid_reason
    from typed
    left join channels
        on typed.channel = channels.channel
    left join conversion_types
        on typed.conversion_type = conversion_types.conversion_type
    left join currency_rates as row_rates
        on typed.currency = row_rates.currency
    left join reporting_currency_rate
        on 1 = 1
),

{# One row per experiment_id. Among valid copies, a raw-table row wins over
    a seed row, then the latest load (var mta_load_timestamp_column); a
    copy they order, or one with the same figures, is a duplicate_event.
    Copies with other figures that nothing orders are conflicting_duplicate:
    one is kept (the first by its raw row). #}
duplicates_ranked as (
    select
        *,
        row_number() over (
            partition by experiment_id, invalid_reason is null
            order by
                case when input_origin = 'raw' then 0 else 1 end,
                _loaded_at desc nulls last,
                raw_row_json asc
        ) as duplicate_rank,
        coalesce(channel, '') || '|' || coalesce(campaign, '')
        || '|' || coalesce(cast(start_date as {{ dbt.type_string() }}), '')
        || '|' || coalesce(cast(end_date as {{ dbt.type_string() }}), '')
        || '|' || coalesce(method, '') || '|' || coalesce(conversion_type, '')
        || '|' || coalesce(cast(incremental_conversions as {{ dbt.type_string() }}), '')
        || '|' || coalesce(cast(incremental_conversions_low as {{ dbt.type_string() }}), '')
        || '|' || coalesce(cast(incremental_conversions_high as {{ dbt.type_string() }}), '')
        || '|' || coalesce(cast(incremental_revenue_original as {{ dbt.type_string() }}), '')
        || '|' || coalesce(cast(incremental_revenue_low_original as {{ dbt.type_string() }}), '')
        || '|' || coalesce(cast(incremental_revenue_high_original as {{ dbt.type_string() }}), '')
        || '|' || coalesce(currency, '')
        || '|' || cast(interval_level as {{ dbt.type_string() }}) as figures_key
    from checked
),

duplicates_compared as (
    select
        *,
        first_value(figures_key) over (
            partition by experiment_id, invalid_reason is null
            order by duplicate_rank
            rows between unbounded preceding and unbounded following
        ) as kept_figures_key,
        first_value(input_origin) over (
            partition by experiment_id, invalid_reason is null
            order by duplicate_rank
            rows between unbounded preceding and unbounded following
        ) as kept_input_origin,
        first_value(_loaded_at) over (
            partition by experiment_id, invalid_reason is null
            order by duplicate_rank
            rows between unbounded preceding and unbounded following
        ) as kept_loaded_at
    from duplicates_ranked
),

final as (
    select
        row_key,
        {{ mta.base_row_id() }} as base_row_id,
        coalesce(
            invalid_reason,
            case
                when duplicate_rank = 1 then null
                when figures_key = kept_figures_key then 'duplicate_event'
                when input_origin <> kept_input_origin then 'duplicate_event'
                when _loaded_at < kept_loaded_at then 'duplicate_event'
                else 'conflicting_duplicate'
            end
        ) as quarantine_reason,
        experiment_id,
        input_origin,
        channel,
        campaign,
        start_date,
        end_date,
        method,
        conversion_type,
        cast(incremental_conversions as {{ mta.double_type() }}) as incremental_conversions,
        cast(incremental_conversions_low as {{ mta.double_type() }}) as incremental_conversions_low,
        cast(incremental_conversions_high as {{ mta.double_type() }}) as incremental_conversions_high,
        cast(incremental_revenue as {{ mta.double_type() }}) as incremental_revenue,
        cast(incremental_revenue_low as {{ mta.double_type() }}) as incremental_revenue_low,
        cast(incremental_revenue_high as {{ mta.double_type() }}) as incremental_revenue_high,
        cast(incremental_revenue_original as {{ mta.double_type() }}) as incremental_revenue_original,
        currency,
        cast(interval_level as {{ mta.double_type() }}) as interval_level,
        case when invalid_reason is not null or duplicate_rank > 1 then raw_row_json end as raw_row_json
    from duplicates_compared
)

select * from final
