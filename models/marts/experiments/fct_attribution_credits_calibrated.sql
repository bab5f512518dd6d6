{%- set base_model = mta.calibration_base_model() -%}

with

credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

channel_calibration as (
    select * from {{ ref('dim_channel_calibration') }}
),

base_credits as (
    select
        credits.*,
        coalesce(channel_calibration.calibration_factor, 1) as calibration_factor,
        coalesce(channel_calibration.calibration_status, 'no_experiment') as calibration_status,
        channel_calibration.experiment_ids
    from credits
    left join channel_calibration
        on credits.channel = channel_calibration.channel
    where credits.attribution_model = '{{ base_model }}'
),

scaled as (
    select
        *,
        calibration_factor * credit as scaled_credit
    from base_credits
),

conversion_totals as (
    select
        conversion_id,
        sum(scaled_credit) as scaled_total,
        min(case when calibration_factor = 1 then 1 else 0 end) as has_only_unit_factors
    from scaled
    group by conversion_id
),

renormalized as (
    select
        scaled.*,
        case
            when conversion_totals.has_only_unit_factors = 1 then scaled.credit
            when conversion_totals.scaled_total > 0 then scaled.scaled_credit / conversion_totals.scaled_total
            else scaled.credit
        end as calibrated_credit,
        conversion_totals.has_only_unit_factors = 0 and not conversion_totals.scaled_total > 0
            as is_calibration_fallback
    from scaled
    inner join conversion_totals
        on scaled.conversion_id = conversion_totals.conversion_id
),

final as (
    select
        cast(conversion_id as {{ dbt.type_string() }}) as conversion_id,
        cast(touchpoint_id as {{ dbt.type_string() }}) as touchpoint_id,
        cast('calibrated' as {{ dbt.type_string() }}) as attribution_model,
        cast(calibrated_credit as {{ mta.double_type() }}) as credit,
        {{ mta.allocate_cents(
            'calibrated_credit * conversion_revenue', 'conversion_revenue', 'conversion_id', 'touchpoint_id',
        ) }} as attributed_revenue,
        cast(person_id as {{ dbt.type_string() }}) as person_id,
        cast(channel as {{ dbt.type_string() }}) as channel,
        cast(campaign as {{ dbt.type_string() }}) as campaign,
        cast(touched_at as {{ dbt.type_timestamp() }}) as touched_at,
        cast(converted_at as {{ dbt.type_timestamp() }}) as converted_at,
        cast(conversion_type as {{ dbt.type_string() }}) as conversion_type,
        {{ mta.money("conversion_revenue") }} as conversion_revenue,
        cast(touch_position as integer) as touch_position,
        cast(path_length as integer) as path_length,
        cast(source as {{ dbt.type_string() }}) as source,  -- noqa: RF04
        cast(medium as {{ dbt.type_string() }}) as medium,
        cast(touch_type as {{ dbt.type_string() }}) as touch_type,
        cast(attribution_model as {{ dbt.type_string() }}) as base_attribution_model,
        cast(credit as {{ mta.double_type() }}) as base_credit,
        cast(calibration_factor as {{ mta.double_type() }}) as calibration_factor,
        cast(calibration_status as {{ dbt.type_string() }}) as calibration_status,
        cast(experiment_ids as {{ dbt.type_string() }}) as experiment_ids,
        cast('modeled' as {{ dbt.type_string() }}) as revenue_basis,
        cast(is_calibration_fallback as {{ dbt.type_boolean() }}) as is_calibration_fallback
    from renormalized
)

select * from final
