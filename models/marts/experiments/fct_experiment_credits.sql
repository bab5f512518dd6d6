with

lift_tests as (
    select * from {{ ref('stg_experiments__lift_tests') }}
),

credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

touchpoints as (
    select * from {{ ref('fct_touchpoints') }}
),

conversions as (
    select * from {{ ref('fct_conversions') }}
),

default_conversion_types as (
    select * from {{ mta.experiment_conversion_types() }} as default_types
),

experiment_scopes as (
    select
        experiment_id,
        conversion_type
    from lift_tests
    where conversion_type is not null
    union all
    select
        lift_tests.experiment_id,
        default_conversion_types.conversion_type
    from lift_tests
    cross join default_conversion_types
    where lift_tests.conversion_type is null
),

scope_types as (
    select
        experiment_id,
        {{ mta.ordered_string_agg('conversion_type', ', ', 'conversion_type') }} as conversion_types
    from experiment_scopes
    group by experiment_id
),

attribution_models as (
    select distinct attribution_model
    from credits
),

campaign_touchpoints as (
    select
        lift_tests.experiment_id,
        touchpoints.touchpoint_id
    from lift_tests
    inner join touchpoints
        on
            lift_tests.channel = touchpoints.channel
            and (
                lower(trim(touchpoints.campaign)) = lower(lift_tests.campaign)
                or lower(trim(touchpoints.campaign_id)) = lower(lift_tests.campaign)
            )
    where lift_tests.campaign is not null
),

credits_in_scope as (
    select
        lift_tests.experiment_id,
        credits.attribution_model,
        credits.credit,
        credits.attributed_revenue
    from lift_tests
    inner join experiment_scopes
        on lift_tests.experiment_id = experiment_scopes.experiment_id
    inner join credits
        on
            lift_tests.channel = credits.channel
            and experiment_scopes.conversion_type = credits.conversion_type
            and cast(credits.converted_at as date) >= lift_tests.start_date
            and cast(credits.converted_at as date) <= lift_tests.end_date
    left join campaign_touchpoints
        on
            lift_tests.experiment_id = campaign_touchpoints.experiment_id
            and credits.touchpoint_id = campaign_touchpoints.touchpoint_id
    where lift_tests.campaign is null or campaign_touchpoints.touchpoint_id is not null
),

credited as (
    select
        experiment_id,
        attribution_model,
        sum(credit) as credited_conversions,
        sum(attributed_revenue) as credited_revenue
    from credits_in_scope
    group by experiment_id, attribution_model
),

period_conversions as (
    select
        experiment_scopes.experiment_id,
        count(*) as period_conversions,
        sum(case when conversions.revenue_basis = 'observed' then 1 else 0 end) as period_observed_conversions
    from experiment_scopes
    inner join lift_tests
        on experiment_scopes.experiment_id = lift_tests.experiment_id
    inner join conversions
        on
            experiment_scopes.conversion_type = conversions.conversion_type
            and cast(conversions.converted_at as date) >= lift_tests.start_date
            and cast(conversions.converted_at as date) <= lift_tests.end_date
    where conversions.is_attributable
    group by experiment_scopes.experiment_id
),

interval_quantiles as (
    select
        experiment_id,
        {{ mta.normal_quantile('(1 + interval_level) / 2') }} as interval_z
    from lift_tests
),

measured as (
    select
        lift_tests.*,
        scope_types.conversion_types,
        (lift_tests.incremental_conversions_high - lift_tests.incremental_conversions_low)
        / (2 * interval_quantiles.interval_z) as conversions_standard_error,
        (lift_tests.incremental_revenue_high - lift_tests.incremental_revenue_low)
        / (2 * interval_quantiles.interval_z) as revenue_standard_error
    from lift_tests
    inner join scope_types
        on lift_tests.experiment_id = scope_types.experiment_id
    inner join interval_quantiles
        on lift_tests.experiment_id = interval_quantiles.experiment_id
),

final as (
    select
        cast(measured.experiment_id || '|' || attribution_models.attribution_model as {{ dbt.type_string() }})
            as experiment_credit_id,
        cast(measured.experiment_id as {{ dbt.type_string() }}) as experiment_id,
        cast(attribution_models.attribution_model as {{ dbt.type_string() }}) as attribution_model,
        cast(measured.channel as {{ dbt.type_string() }}) as channel,
        cast(measured.campaign as {{ dbt.type_string() }}) as campaign,
        cast(measured.method as {{ dbt.type_string() }}) as method,  -- noqa: RF04
        cast(measured.start_date as date) as start_date,
        cast(measured.end_date as date) as end_date,
        cast(measured.conversion_types as {{ dbt.type_string() }}) as conversion_types,
        cast(measured.input_origin as {{ dbt.type_string() }}) as input_origin,
        cast(measured.interval_level as {{ mta.double_type() }}) as interval_level,
        cast(measured.incremental_conversions as {{ mta.double_type() }}) as measured_conversions,
        cast(measured.incremental_conversions_low as {{ mta.double_type() }}) as measured_conversions_low,
        cast(measured.incremental_conversions_high as {{ mta.double_type() }}) as measured_conversions_high,
        cast(measured.conversions_standard_error as {{ mta.double_type() }}) as measured_conversions_standard_error,
        {{ mta.money("measured.incremental_revenue") }} as measured_revenue,
        {{ mta.money("measured.incremental_revenue_low") }} as measured_revenue_low,
        {{ mta.money("measured.incremental_revenue_high") }} as measured_revenue_high,
        cast(measured.revenue_standard_error as {{ mta.double_type() }}) as measured_revenue_standard_error,
        cast(coalesce(credited.credited_conversions, 0) as {{ mta.double_type() }}) as credited_conversions,
        {{ mta.money("coalesce(credited.credited_revenue, 0)") }} as credited_revenue,
        cast(coalesce(period_conversions.period_conversions, 0) as {{ dbt.type_bigint() }}) as period_conversions,
        cast(coalesce(period_conversions.period_observed_conversions, 0) as {{ dbt.type_bigint() }})
            as period_observed_conversions
    from measured
    cross join attribution_models
    left join credited
        on
            measured.experiment_id = credited.experiment_id
            and attribution_models.attribution_model = credited.attribution_model
    left join period_conversions
        on measured.experiment_id = period_conversions.experiment_id
)

select * from final
