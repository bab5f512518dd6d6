with

credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

conversions as (
    select * from {{ ref('int_conversions_matched') }}
),

fct_conversions as (
    select * from {{ ref('fct_conversions') }}
),

deals as (
    select * from {{ ref('stg_crm__deals') }}
),

deal_stage_conversions as (
    select
        conversions.conversion_id,
        conversions.conversion_type,
        conversions.deal_id,
        coalesce(deals.amount, 0) as deal_amount
    from conversions
    left join deals
        on conversions.deal_id = deals.deal_id
    where conversions.is_deal_stage
),

stage_totals as (
    select
        deal_stage_conversions.conversion_type,
        count(*) as stage_conversions,
        sum(case when fct_conversions.revenue_basis = 'observed' then 1 else 0 end) as observed_stage_conversions,
        sum(deal_stage_conversions.deal_amount) as stage_deal_amount
    from deal_stage_conversions
    inner join fct_conversions
        on deal_stage_conversions.conversion_id = fct_conversions.conversion_id
    where fct_conversions.is_attributable
    group by deal_stage_conversions.conversion_type
),

channel_credits as (
    select
        credits.attribution_model,
        deal_stage_conversions.conversion_type,
        credits.channel,
        count(distinct credits.conversion_id) as touched_deals,
        sum(credits.credit) as attributed_deals,
        sum(credits.attributed_revenue) as attributed_revenue,
        sum(credits.credit * deal_stage_conversions.deal_amount) as attributed_pipeline_amount
    from credits
    inner join deal_stage_conversions
        on credits.conversion_id = deal_stage_conversions.conversion_id
    group by
        credits.attribution_model,
        deal_stage_conversions.conversion_type,
        credits.channel
),

final as (
    select
        cast(channel_credits.attribution_model as {{ dbt.type_string() }}) as attribution_model,
        cast(channel_credits.conversion_type as {{ dbt.type_string() }}) as deal_stage,
        cast(channel_credits.channel as {{ dbt.type_string() }}) as channel,
        cast(channel_credits.attributed_deals as {{ mta.double_type() }}) as attributed_deals,
        cast(channel_credits.touched_deals as bigint) as touched_deals,
        {{ mta.money("channel_credits.attributed_revenue") }} as attributed_revenue,
        {{ mta.money("channel_credits.attributed_pipeline_amount") }} as attributed_pipeline_amount,
        cast(stage_totals.stage_conversions as bigint) as stage_conversions,
        cast(stage_totals.observed_stage_conversions as bigint) as observed_stage_conversions,
        {{ mta.money("stage_totals.stage_deal_amount") }} as stage_deal_amount
    from channel_credits
    left join stage_totals
        on channel_credits.conversion_type = stage_totals.conversion_type
)

select * from final
