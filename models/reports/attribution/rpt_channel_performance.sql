{#-
    Day x channel x campaign x model x conversion type: spend and platform
    claims from fct_ad_spend, observed touches, and the attributed
    conversions and revenue of one conversion type, so that CPA and ROAS
    never add purchases, leads and deal stages together.

    The spine is the union of the (day, channel, campaign) keys of spend,
    touches and credits, crossed with the models and with the reported
    conversion types (the primary types, var mta_primary_conversion_types,
    plus every type with credits), so spend on a day or campaign without
    conversions is kept under every type (and credits without spend too).
    Spend, clicks, impressions, touches and claims belong to the key and
    repeat on each model's and each conversion type's row: sum them within
    one model and one conversion type. Campaign key: mta.campaign_key() of
    the spend's campaign_name and of the touchpoint's campaign. Day: the
    spend date as reported by the platform; the conversion's UTC date for
    credits (var mta_attribution_report_date), the touch's UTC date for
    touches.
-#}
with

attribution_credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

touchpoints as (
    select * from {{ ref('fct_touchpoints') }}
),

ad_spend as (
    select * from {{ ref('fct_ad_spend') }}
),

rule_based_models as (
    {{ mta.literal_name_relation(mta.rule_based_model_names(), 'attribution_model', 'model_order') }}
),

primary_types as (
    {{ mta.literal_name_relation(mta.primary_conversion_types(), 'conversion_type', 'type_order') }}
),

reported_models as (
    select attribution_model from rule_based_models
    union
    select distinct attribution_model from attribution_credits
),

reported_types as (
    select conversion_type from primary_types
    union
    select distinct conversion_type from attribution_credits
),

credits_daily as (
    select
        {{ mta.attribution_report_date('converted_at', 'touched_at') }} as report_date,
        channel,
        {{ mta.campaign_key('campaign') }} as campaign,
        attribution_model,
        conversion_type,
        sum(credit) as attributed_conversions,
        sum(coalesce(attributed_revenue, 0)) as attributed_revenue
    from attribution_credits
    group by 1, 2, 3, 4, 5
),

spend_daily as (
    select
        spend_date as report_date,
        channel,
        campaign,
        sum(spend) as spend,
        sum(clicks) as clicks,
        sum(impressions) as impressions,
        sum(platform_conversions) as platform_conversions,
        sum(platform_conversion_value) as platform_conversion_value
    from ad_spend
    group by 1, 2, 3
),

touches_daily as (
    select
        cast(touched_at as date) as report_date,
        channel,
        {{ mta.campaign_key('campaign') }} as campaign,
        count(*) as touches
    from touchpoints
    group by 1, 2, 3
),

day_channel_campaigns as (
    select
        report_date,
        channel,
        campaign
    from credits_daily
    union
    select
        report_date,
        channel,
        campaign
    from spend_daily
    union
    select
        report_date,
        channel,
        campaign
    from touches_daily
),

model_spine as (
    select
        day_channel_campaigns.report_date,
        day_channel_campaigns.channel,
        day_channel_campaigns.campaign,
        reported_models.attribution_model,
        reported_types.conversion_type
    from day_channel_campaigns
    cross join reported_models
    cross join reported_types
),

joined as (
    select
        model_spine.report_date,
        model_spine.channel,
        model_spine.campaign,
        model_spine.attribution_model,
        model_spine.conversion_type,
        coalesce(credits_daily.attributed_conversions, 0) as attributed_conversions,
        coalesce(credits_daily.attributed_revenue, 0) as attributed_revenue,
        coalesce(spend_daily.spend, 0) as spend,
        coalesce(spend_daily.clicks, 0) as clicks,
        coalesce(spend_daily.impressions, 0) as impressions,
        coalesce(spend_daily.platform_conversions, 0) as platform_conversions,
        coalesce(spend_daily.platform_conversion_value, 0) as platform_conversion_value,
        coalesce(touches_daily.touches, 0) as touches
    from model_spine
    left join credits_daily
        on
            model_spine.report_date = credits_daily.report_date
            and model_spine.channel = credits_daily.channel
            and model_spine.campaign = credits_daily.campaign
            and model_spine.attribution_model = credits_daily.attribution_model
            and model_spine.conversion_type = credits_daily.conversion_type
    left join spend_daily
        on
            model_spine.report_date = spend_daily.report_date
            and model_spine.channel = spend_daily.channel
            and model_spine.campaign = spend_daily.campaign
    left join touches_daily
        on
            model_spine.report_date = touches_daily.report_date
            and model_spine.channel = touches_daily.channel
            and model_spine.campaign = touches_daily.campaign
),

final as (
    select
        report_date,
        channel,
        campaign,
        attribution_model,
        cast(attributed_conversions as {{ mta.double_type() }}) as attributed_conversions,
        {{ mta.money("attributed_revenue") }} as attributed_revenue,
        {{ mta.money("spend") }} as spend,
        cast(clicks as bigint) as clicks,
        cast(impressions as bigint) as impressions,
        cast(touches as bigint) as touches,
        cast(platform_conversions as {{ mta.double_type() }}) as platform_conversions,
        {{ mta.money("platform_conversion_value") }} as platform_conversion_value,
        {{ mta.safe_ratio('attributed_revenue', 'spend') }} as roas,
        {{ mta.safe_ratio('spend', 'attributed_conversions') }} as cpa,
        {{ mta.safe_ratio('attributed_revenue', 'clicks') }} as epc,
        {{ mta.safe_ratio('attributed_conversions', 'clicks') }} as conversion_rate,
        {{ mta.safe_ratio('attributed_conversions', 'touches') }} as touch_conversion_rate,
        cast(conversion_type as {{ dbt.type_string() }}) as conversion_type,
        {{ mta.is_primary_conversion_type('conversion_type') }} as is_primary_conversion_type
    from joined
)

select * from final
