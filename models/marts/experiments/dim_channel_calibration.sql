{#-
    Why weights 1 / s^2 (formula in _experiments__docs.md): each ratio m / c has
    variance s^2 / c^2, because the credited count c is a fixed number of the
    warehouse; the measurement is what is uncertain.
-#}
{%- set base_model = mta.calibration_base_model() -%}
{%- set include_campaign_tests = mta.setting('mta_calibration_include_campaign_tests') -%}
{%- set default_interval_level = mta.setting('mta_experiment_default_interval_level') -%}

with

experiment_credits as (
    select * from {{ ref('fct_experiment_credits') }}
),

channels as (
    select * from {{ mta.seed_ref('channel_lookback_windows') }}
),

base_model_experiments as (
    select *
    from experiment_credits
    where attribution_model = '{{ base_model }}'
),

usable_experiments as (
    select
        channel,
        experiment_id,
        measured_conversions,
        credited_conversions,
        credited_conversions * measured_conversions
        / (measured_conversions_standard_error * measured_conversions_standard_error) as weighted_cross_product,
        credited_conversions * credited_conversions
        / (measured_conversions_standard_error * measured_conversions_standard_error) as weight
    from base_model_experiments
    where
        measured_conversions_standard_error > 0
        and credited_conversions > 0
        {%- if not include_campaign_tests %}
        and campaign is null
        {%- endif %}
),

pooled as (
    select
        channel,
        count(*) as experiment_count,
        {{ mta.ordered_string_agg('experiment_id', ', ', 'experiment_id') }} as experiment_ids,
        sum(measured_conversions) as measured_conversions,
        sum(credited_conversions) as credited_conversions,
        sum(weighted_cross_product) / sum(weight) as measured_to_credited_ratio,
        1 / sqrt(sum(weight)) as ratio_standard_error
    from usable_experiments
    group by channel
),

tested as (
    select
        channel,
        count(*) as tested_experiment_count,
        {{ mta.ordered_string_agg('experiment_id', ', ', 'experiment_id') }} as tested_experiment_ids
    from base_model_experiments
    group by channel
),

level_quantile as (
    select
        {{ mta.normal_quantile('(1 + ' ~ default_interval_level ~ ') / 2') }} as interval_z
),

final as (
    select
        cast(channels.channel as {{ dbt.type_string() }}) as channel,
        cast('{{ base_model }}' as {{ dbt.type_string() }}) as base_attribution_model,
        cast(
            case
                when pooled.measured_to_credited_ratio is null then 1
                when pooled.measured_to_credited_ratio < 0 then 0
                else pooled.measured_to_credited_ratio
            end as {{ mta.double_type() }}
        ) as calibration_factor,
        cast(pooled.measured_to_credited_ratio as {{ mta.double_type() }}) as measured_to_credited_ratio,
        cast(pooled.ratio_standard_error as {{ mta.double_type() }}) as ratio_standard_error,
        cast(
            pooled.measured_to_credited_ratio - level_quantile.interval_z * pooled.ratio_standard_error
            as {{ mta.double_type() }}
        ) as ratio_low,
        cast(
            pooled.measured_to_credited_ratio + level_quantile.interval_z * pooled.ratio_standard_error
            as {{ mta.double_type() }}
        ) as ratio_high,
        cast({{ default_interval_level }} as {{ mta.double_type() }}) as interval_level,
        cast(coalesce(pooled.experiment_count, 0) as {{ dbt.type_bigint() }}) as experiment_count,
        cast(pooled.experiment_ids as {{ dbt.type_string() }}) as experiment_ids,
        cast(coalesce(tested.tested_experiment_count, 0) as {{ dbt.type_bigint() }}) as tested_experiment_count,
        cast(tested.tested_experiment_ids as {{ dbt.type_string() }}) as tested_experiment_ids,
        cast(pooled.measured_conversions as {{ mta.double_type() }}) as measured_conversions,
        cast(pooled.credited_conversions as {{ mta.double_type() }}) as credited_conversions,
        cast(
            case
                when pooled.measured_to_credited_ratio < 0 then 'clipped_at_zero'
                when pooled.measured_to_credited_ratio is not null then 'calibrated'
                when tested.channel is not null then 'no_usable_experiment'
                else 'no_experiment'
            end as {{ dbt.type_string() }}
        ) as calibration_status,
        cast(
            case
                when pooled.measured_to_credited_ratio < 0
                    then 'its experiments measured a negative lift in total: factor 0, the channel loses its credit'
                when pooled.measured_to_credited_ratio is not null
                    then 'factor = measured / credited, pooled over its experiments weighted by precision'
                when tested.channel is not null
                    then 'no usable experiment (no interval, a campaign test only, or no credit in its scope): factor 1'
                else 'no experiment: factor 1, the credit of the base model is kept as it is'
            end as {{ dbt.type_string() }}
        ) as calibration_note
    from channels
    left join pooled
        on channels.channel = pooled.channel
    left join tested
        on channels.channel = tested.channel
    cross join level_quantile
)

select * from final
