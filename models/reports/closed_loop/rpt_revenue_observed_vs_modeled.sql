with

credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

allocations as (
    select * from {{ ref('rpt_modeled_revenue_allocations') }}
),

ai_influenced as (
    select * from {{ ref('rpt_ai_influenced_conversions') }}
),

attribution_models as (
    {{ mta.literal_name_relation(mta.attribution_model_names(), 'attribution_model', 'model_order') }}
),

observed as (
    select
        credits.attribution_model,
        credits.channel,
        sum(credits.credit) as observed_conversions,
        sum(credits.attributed_revenue) as observed_revenue
    from credits
    group by
        credits.attribution_model,
        credits.channel
),

modeled as (
    select
        allocations.attribution_model,
        allocations.channel,
        sum(allocations.modeled_conversions) as modeled_conversions,
        sum(allocations.modeled_revenue) as modeled_revenue
    from allocations
    group by
        allocations.attribution_model,
        allocations.channel
),

-- the confidence of a channel's modeled revenue: the label carrying most
-- of it (by revenue, then by modeled conversions; ties go to the lower label)
confidence_weights as (
    select
        allocations.attribution_model,
        allocations.channel,
        allocations.confidence,
        sum(allocations.modeled_revenue) as label_revenue,
        sum(allocations.modeled_conversions) as label_conversions
    from allocations
    group by
        allocations.attribution_model,
        allocations.channel,
        allocations.confidence
),

ranked_confidence as (
    select
        confidence_weights.attribution_model,
        confidence_weights.channel,
        confidence_weights.confidence,
        row_number() over (
            partition by confidence_weights.attribution_model, confidence_weights.channel
            order by
                confidence_weights.label_revenue desc,
                confidence_weights.label_conversions desc,
                {{ mta.modeled_confidence_rank('confidence_weights.confidence') }} asc
        ) as confidence_rank
    from confidence_weights
),

channel_confidence as (
    select
        ranked_confidence.attribution_model,
        ranked_confidence.channel,
        ranked_confidence.confidence
    from ranked_confidence
    where ranked_confidence.confidence_rank = 1
),

ai_influenced_totals as (
    select
        'ai_search' as channel,
        sum(ai_influenced.revenue) as modeled_ai_influenced_revenue,
        count(*) as modeled_ai_influenced_conversions
    from ai_influenced
),

model_channels as (
    select
        attribution_model,
        channel
    from observed
    union
    select
        attribution_model,
        channel
    from modeled
    union
    select
        attribution_models.attribution_model,
        ai_influenced_totals.channel
    from attribution_models
    cross join ai_influenced_totals
    where ai_influenced_totals.modeled_ai_influenced_conversions > 0
),

final as (
    select
        cast(model_channels.attribution_model as {{ dbt.type_string() }}) as attribution_model,
        cast(model_channels.channel as {{ dbt.type_string() }}) as channel,
        {{ mta.money("coalesce(observed.observed_revenue, 0)") }} as observed_revenue,
        {{ mta.money("coalesce(modeled.modeled_revenue, 0)") }} as modeled_revenue,
        {{ mta.money("coalesce(ai_influenced_totals.modeled_ai_influenced_revenue, 0)") }}
            as modeled_ai_influenced_revenue,
        cast(channel_confidence.confidence as {{ dbt.type_string() }}) as confidence,
        cast(coalesce(observed.observed_conversions, 0) as {{ mta.double_type() }}) as observed_conversions,
        cast(coalesce(modeled.modeled_conversions, 0) as {{ mta.double_type() }}) as modeled_conversions,
        cast(coalesce(ai_influenced_totals.modeled_ai_influenced_conversions, 0) as bigint)
            as modeled_ai_influenced_conversions,
        {{ mta.money("coalesce(observed.observed_revenue, 0) + coalesce(modeled.modeled_revenue, 0)") }}
            as total_revenue
    from model_channels
    left join observed
        on
            model_channels.attribution_model = observed.attribution_model
            and model_channels.channel = observed.channel
    left join modeled
        on
            model_channels.attribution_model = modeled.attribution_model
            and model_channels.channel = modeled.channel
    left join channel_confidence
        on
            model_channels.attribution_model = channel_confidence.attribution_model
            and model_channels.channel = channel_confidence.channel
    left join ai_influenced_totals
        on model_channels.channel = ai_influenced_totals.channel
)

select * from final
