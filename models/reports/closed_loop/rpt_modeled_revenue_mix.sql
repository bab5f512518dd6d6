{%- set excluded_channels = mta.modeled_mix_excluded_channels() -%}

with

credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

conversions as (
    select * from {{ ref('fct_conversions') }}
),

observed_credits as (
    select
        credits.attribution_model,
        credits.conversion_id,
        credits.channel,
        credits.credit,
        conversions.conversion_type,
        {{ mta.week_start('conversions.converted_at') }} as week_start
    from credits
    inner join conversions
        on credits.conversion_id = conversions.conversion_id
    where
        conversions.revenue_basis = 'observed'
        and credits.credit > 0
        {%- if excluded_channels | length > 0 %}
        and credits.channel not in ('{{ excluded_channels | join("', '") }}')
        {%- endif %}
),

-- aggregate once at the finest level; the coarser levels roll it up (a
-- conversion belongs to exactly one type and week, so counts add up)
type_week_channels as (
    select
        attribution_model,
        conversion_type,
        week_start,
        channel,
        sum(credit) as channel_credit
    from observed_credits
    group by
        attribution_model,
        conversion_type,
        week_start,
        channel
),

type_week_conversions as (
    select
        attribution_model,
        conversion_type,
        week_start,
        count(distinct conversion_id) as cohort_conversions
    from observed_credits
    group by
        attribution_model,
        conversion_type,
        week_start
),

channel_credits as (
    select
        attribution_model,
        'type_week' as mix_level,
        'type_week:' || conversion_type || ':' || cast(week_start as {{ dbt.type_string() }}) as cohort_key,
        conversion_type,
        week_start,
        channel,
        channel_credit
    from type_week_channels

    union all

    select
        attribution_model,
        'type' as mix_level,
        'type:' || conversion_type as cohort_key,
        conversion_type,
        cast(null as date) as week_start,
        channel,
        sum(channel_credit) as channel_credit
    from type_week_channels
    group by
        attribution_model,
        conversion_type,
        channel

    union all

    select
        attribution_model,
        'all' as mix_level,
        'all' as cohort_key,
        cast(null as {{ dbt.type_string() }}) as conversion_type,
        cast(null as date) as week_start,
        channel,
        sum(channel_credit) as channel_credit
    from type_week_channels
    group by
        attribution_model,
        channel
),

cohort_conversions as (
    select
        attribution_model,
        'type_week:' || conversion_type || ':' || cast(week_start as {{ dbt.type_string() }}) as cohort_key,
        cohort_conversions
    from type_week_conversions

    union all

    select
        attribution_model,
        'type:' || conversion_type as cohort_key,
        sum(cohort_conversions) as cohort_conversions
    from type_week_conversions
    group by
        attribution_model,
        conversion_type

    union all

    select
        attribution_model,
        'all' as cohort_key,
        sum(cohort_conversions) as cohort_conversions
    from type_week_conversions
    group by attribution_model
),

cohort_totals as (
    select
        channel_credits.attribution_model,
        channel_credits.cohort_key,
        sum(channel_credits.channel_credit) as cohort_credit,
        max(cohort_conversions.cohort_conversions) as cohort_conversions
    from channel_credits
    inner join cohort_conversions
        on
            channel_credits.attribution_model = cohort_conversions.attribution_model
            and channel_credits.cohort_key = cohort_conversions.cohort_key
    group by
        channel_credits.attribution_model,
        channel_credits.cohort_key
),

final as (
    select
        channel_credits.attribution_model,
        channel_credits.mix_level,
        channel_credits.cohort_key,
        channel_credits.conversion_type,
        channel_credits.week_start,
        channel_credits.channel,
        cast(channel_credits.channel_credit as {{ mta.double_type() }}) as channel_credit,
        cast(cohort_totals.cohort_credit as {{ mta.double_type() }}) as cohort_credit,
        cohort_totals.cohort_conversions,
        cast(channel_credits.channel_credit as {{ mta.double_type() }})
        / cast(cohort_totals.cohort_credit as {{ mta.double_type() }}) as channel_share
    from channel_credits
    inner join cohort_totals
        on
            channel_credits.attribution_model = cohort_totals.attribution_model
            and channel_credits.cohort_key = cohort_totals.cohort_key
)

select * from final
