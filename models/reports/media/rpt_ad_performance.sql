with

ad_clicks as (
    select * from {{ ref('fct_ad_clicks') }}
),

ad_spend as (
    select * from {{ ref('fct_ad_spend') }}
),

attribution_credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

reported_models as (
    {{ mta.literal_name_relation(mta.attribution_model_names(), 'attribution_model', 'model_order') }}
),

primary_types as (
    {{ mta.literal_name_relation(mta.primary_conversion_types(), 'conversion_type', 'type_order') }}
),

ad_keyed_clicks as (
    select
        click_id,
        touchpoint_id,
        click_date as report_date,
        coalesce(platform, '(none)') as platform,
        coalesce(campaign_id, '(none)') as campaign_id,
        coalesce(campaign_name, '(none)') as campaign_name,
        coalesce(ad_group_id, '(none)') as ad_group_id,
        coalesce(ad_group_name, '(none)') as ad_group_name,
        coalesce(creative_id, '(none)') as creative_id,
        coalesce(placement, '(none)') as placement,
        channel,
        cost
    from ad_clicks
),

ad_clicks_daily as (
    select
        report_date,
        platform,
        campaign_id,
        max(campaign_name) as campaign_name,
        ad_group_id,
        max(ad_group_name) as ad_group_name,
        creative_id,
        placement,
        max(channel) as channel,
        count(*) as clicks,
        sum(cost) as cost  -- noqa: RF04
    from ad_keyed_clicks
    group by
        report_date,
        platform,
        campaign_id,
        ad_group_id,
        creative_id,
        placement
),

campaign_day_spend as (
    select
        spend_date as report_date,
        source as platform,  -- noqa: RF04
        campaign_id,
        max(campaign_name) as campaign_name,
        max(channel) as channel,
        sum(spend) as spend
    from ad_spend
    group by
        spend_date,
        source,
        campaign_id
),

campaign_day_click_costs as (
    select
        report_date,
        platform,
        campaign_id,
        max(campaign_name) as campaign_name,
        max(channel) as channel,
        sum(cost) as cost  -- noqa: RF04
    from ad_keyed_clicks
    group by
        report_date,
        platform,
        campaign_id
),

unallocated_spend as (
    select
        coalesce(campaign_day_spend.report_date, campaign_day_click_costs.report_date) as report_date,
        coalesce(campaign_day_spend.platform, campaign_day_click_costs.platform) as platform,
        coalesce(campaign_day_spend.campaign_id, campaign_day_click_costs.campaign_id) as campaign_id,
        coalesce(campaign_day_spend.campaign_name, campaign_day_click_costs.campaign_name, '(none)') as campaign_name,
        '(unallocated)' as ad_group_id,
        '(unallocated)' as ad_group_name,
        '(unallocated)' as creative_id,
        '(unallocated)' as placement,
        coalesce(campaign_day_click_costs.channel, campaign_day_spend.channel) as channel,
        0 as clicks,
        coalesce(campaign_day_spend.spend, 0) - coalesce(campaign_day_click_costs.cost, 0) as cost  -- noqa: RF04
    from campaign_day_spend
    full outer join campaign_day_click_costs
        on
            campaign_day_spend.report_date = campaign_day_click_costs.report_date
            and campaign_day_spend.platform = campaign_day_click_costs.platform
            and campaign_day_spend.campaign_id = campaign_day_click_costs.campaign_id
    where abs(coalesce(campaign_day_spend.spend, 0) - coalesce(campaign_day_click_costs.cost, 0)) > 0.000001
),

ad_days as (
    select * from ad_clicks_daily
    union all
    select * from unallocated_spend
),

ad_credits as (
    select
        ad_keyed_clicks.report_date,
        ad_keyed_clicks.platform,
        ad_keyed_clicks.campaign_id,
        ad_keyed_clicks.ad_group_id,
        ad_keyed_clicks.creative_id,
        ad_keyed_clicks.placement,
        attribution_credits.attribution_model,
        attribution_credits.conversion_type,
        sum(attribution_credits.credit) as attributed_conversions,
        sum(coalesce(attribution_credits.attributed_revenue, 0)) as attributed_revenue
    from attribution_credits
    inner join ad_keyed_clicks
        on attribution_credits.touchpoint_id = ad_keyed_clicks.touchpoint_id
    group by
        ad_keyed_clicks.report_date,
        ad_keyed_clicks.platform,
        ad_keyed_clicks.campaign_id,
        ad_keyed_clicks.ad_group_id,
        ad_keyed_clicks.creative_id,
        ad_keyed_clicks.placement,
        attribution_credits.attribution_model,
        attribution_credits.conversion_type
),

-- the primary types on every ad key; another type where it has credits
ad_key_types as (
    select
        ad_days.report_date,
        ad_days.platform,
        ad_days.campaign_id,
        ad_days.ad_group_id,
        ad_days.creative_id,
        ad_days.placement,
        primary_types.conversion_type
    from ad_days
    cross join primary_types
    union
    select distinct
        report_date,
        platform,
        campaign_id,
        ad_group_id,
        creative_id,
        placement,
        conversion_type
    from ad_credits
),

spine as (
    select
        ad_days.report_date,
        ad_days.platform,
        ad_days.campaign_id,
        ad_days.campaign_name,
        ad_days.ad_group_id,
        ad_days.ad_group_name,
        ad_days.creative_id,
        ad_days.placement,
        ad_days.channel,
        ad_days.clicks,
        ad_days.cost,
        ad_key_types.conversion_type,
        reported_models.attribution_model
    from ad_days
    inner join ad_key_types
        on
            ad_days.report_date = ad_key_types.report_date
            and ad_days.platform = ad_key_types.platform
            and ad_days.campaign_id = ad_key_types.campaign_id
            and ad_days.ad_group_id = ad_key_types.ad_group_id
            and ad_days.creative_id = ad_key_types.creative_id
            and ad_days.placement = ad_key_types.placement
    cross join reported_models
),

joined as (
    select
        spine.*,
        coalesce(ad_credits.attributed_conversions, 0) as attributed_conversions,
        coalesce(ad_credits.attributed_revenue, 0) as attributed_revenue
    from spine
    left join ad_credits
        on
            spine.report_date = ad_credits.report_date
            and spine.platform = ad_credits.platform
            and spine.campaign_id = ad_credits.campaign_id
            and spine.ad_group_id = ad_credits.ad_group_id
            and spine.creative_id = ad_credits.creative_id
            and spine.placement = ad_credits.placement
            and spine.attribution_model = ad_credits.attribution_model
            and spine.conversion_type = ad_credits.conversion_type
),

final as (
    select
        cast(report_date as date) as report_date,
        cast(platform as {{ dbt.type_string() }}) as platform,
        cast(campaign_id as {{ dbt.type_string() }}) as campaign_id,
        cast(campaign_name as {{ dbt.type_string() }}) as campaign_name,
        cast(ad_group_id as {{ dbt.type_string() }}) as ad_group_id,
        cast(ad_group_name as {{ dbt.type_string() }}) as ad_group_name,
        cast(creative_id as {{ dbt.type_string() }}) as creative_id,
        cast(placement as {{ dbt.type_string() }}) as placement,
        cast(channel as {{ dbt.type_string() }}) as channel,
        cast(attribution_model as {{ dbt.type_string() }}) as attribution_model,
        cast(conversion_type as {{ dbt.type_string() }}) as conversion_type,
        {{ mta.is_primary_conversion_type('conversion_type') }} as is_primary_conversion_type,
        cast(clicks as bigint) as clicks,
        {{ mta.money("cost") }} as cost,  -- noqa: RF04
        cast(attributed_conversions as {{ mta.double_type() }}) as attributed_conversions,
        {{ mta.money("attributed_revenue") }} as attributed_revenue,
        {{ mta.safe_ratio('attributed_revenue', 'clicks') }} as epc,
        {{ mta.safe_ratio('cost', 'attributed_conversions') }} as cpa,
        {{ mta.safe_ratio('attributed_revenue', 'cost') }} as roas,
        {{ mta.safe_ratio('attributed_conversions', 'clicks') }} as conversion_rate
    from joined
)

select * from final
