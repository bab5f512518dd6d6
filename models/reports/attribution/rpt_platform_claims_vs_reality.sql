{#-
    Week x ad platform x model: what each platform claims (its own dashboard's
    conversions and value, from ad spend) against the deduplicated credit the
    warehouse gives that platform's touches under each model.

    A platform is the normalized `source` of stg_ads__spend (google, facebook,
    ...). Its touches are the touches of its campaigns (campaign key and
    channel), or else touches with its source on one of its paid channels,
    so organic google visits never count for Google Ads. Weeks are ISO weeks (Monday) of the spend date and of the
    conversion's UTC date. Week-level columns repeat on every row of the week:
    the sum of all platforms' claims against the real deduplicated count
    ("40 + 35 + 28 claimed, 52 real").

    Like with like: a platform's claims count its own conversion action, so
    they are compared with the primary conversion types only (var
    mta_primary_conversion_types, named in column conversion_type); leads
    and deal stages never inflate the warehouse's side.
-#}
with

attribution_credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

conversion_paths as (
    select * from {{ ref('fct_conversion_paths') }}
),

touchpoints as (
    select * from {{ ref('fct_touchpoints') }}
),

conversions as (
    select * from {{ ref('fct_conversions') }}
),

ad_spend as (
    select * from {{ ref('fct_ad_spend') }}
),

rule_based_models as (
    {{ mta.literal_name_relation(mta.rule_based_model_names(), 'attribution_model', 'model_order') }}
),

reported_models as (
    select attribution_model from rule_based_models
    union
    select distinct attribution_model from attribution_credits
),

spend_platform_campaigns as (
    select distinct
        source as platform,
        campaign,
        channel
    from ad_spend
    where source is not null
),

platform_channels as (
    select distinct
        platform,
        channel
    from spend_platform_campaigns
),

-- a touch belongs to a platform when its campaign is one the platform spends
-- on (same channel), else when its source is the platform on one of the
-- platform's channels; one platform per touch
touch_platform_candidates as (
    select
        touchpoints.touchpoint_id,
        spend_platform_campaigns.platform,
        1 as match_priority
    from touchpoints
    inner join spend_platform_campaigns
        on
            {{ mta.campaign_key('touchpoints.campaign') }} = spend_platform_campaigns.campaign
            and touchpoints.channel = spend_platform_campaigns.channel
    union all
    select
        touchpoints.touchpoint_id,
        platform_channels.platform,
        2 as match_priority
    from touchpoints
    inner join platform_channels
        on
            touchpoints.source = platform_channels.platform
            and touchpoints.channel = platform_channels.channel
),

touch_platforms_ranked as (
    select
        touchpoint_id,
        platform,
        row_number() over (
            partition by touchpoint_id order by match_priority asc, platform asc
        ) as platform_rank
    from touch_platform_candidates
),

touch_platforms as (
    select
        touchpoint_id,
        platform
    from touch_platforms_ranked
    where platform_rank = 1
),

platform_claims_weekly as (
    select
        {{ mta.week_start('spend_date') }} as week_start,
        source as platform,
        sum(spend) as spend,
        sum(platform_conversions) as claimed_conversions,
        sum(platform_conversion_value) as claimed_conversion_value
    from ad_spend
    where source is not null
    group by 1, 2
),

platform_credits_weekly as (
    select
        {{ mta.week_start('attribution_credits.converted_at') }} as week_start,
        touch_platforms.platform,
        attribution_credits.attribution_model,
        sum(attribution_credits.credit) as attributed_conversions,
        sum(coalesce(attribution_credits.attributed_revenue, 0)) as attributed_revenue
    from attribution_credits
    inner join touch_platforms
        on attribution_credits.touchpoint_id = touch_platforms.touchpoint_id
    where {{ mta.is_primary_conversion_type('attribution_credits.conversion_type') }}
    group by 1, 2, 3
),

platform_path_touches as (
    select distinct
        conversion_paths.conversion_id,
        {{ mta.week_start('conversion_paths.converted_at') }} as week_start,
        touch_platforms.platform
    from conversion_paths
    inner join touch_platforms
        on conversion_paths.touchpoint_id = touch_platforms.touchpoint_id
    where {{ mta.is_primary_conversion_type('conversion_paths.conversion_type') }}
),

platform_touched_weekly as (
    select
        week_start,
        platform,
        count(*) as platform_touched_conversions
    from platform_path_touches
    group by 1, 2
),

any_platform_touched_weekly as (
    select
        week_start,
        count(distinct conversion_id) as deduplicated_platform_conversions
    from platform_path_touches
    group by 1
),

observed_conversions_weekly as (
    select
        {{ mta.week_start('converted_at') }} as week_start,
        count(*) as observed_conversions
    from conversions
    where
        revenue_basis = 'observed'
        and {{ mta.is_primary_conversion_type('conversion_type') }}
    group by 1
),

week_platforms as (
    select
        week_start,
        platform
    from platform_claims_weekly
    union
    select
        week_start,
        platform
    from platform_touched_weekly
),

spine as (
    select
        week_platforms.week_start,
        week_platforms.platform,
        reported_models.attribution_model
    from week_platforms
    cross join reported_models
),

joined as (
    select
        spine.week_start,
        spine.platform,
        spine.attribution_model,
        coalesce(platform_claims_weekly.spend, 0) as spend,
        coalesce(platform_claims_weekly.claimed_conversions, 0) as claimed_conversions,
        coalesce(platform_claims_weekly.claimed_conversion_value, 0) as claimed_conversion_value,
        coalesce(platform_credits_weekly.attributed_conversions, 0) as attributed_conversions,
        coalesce(platform_credits_weekly.attributed_revenue, 0) as attributed_revenue,
        coalesce(platform_touched_weekly.platform_touched_conversions, 0) as platform_touched_conversions,
        coalesce(any_platform_touched_weekly.deduplicated_platform_conversions, 0)
            as deduplicated_platform_conversions,
        coalesce(observed_conversions_weekly.observed_conversions, 0) as observed_conversions
    from spine
    left join platform_claims_weekly
        on
            spine.week_start = platform_claims_weekly.week_start
            and spine.platform = platform_claims_weekly.platform
    left join platform_credits_weekly
        on
            spine.week_start = platform_credits_weekly.week_start
            and spine.platform = platform_credits_weekly.platform
            and spine.attribution_model = platform_credits_weekly.attribution_model
    left join platform_touched_weekly
        on
            spine.week_start = platform_touched_weekly.week_start
            and spine.platform = platform_touched_weekly.platform
    left join any_platform_touched_weekly
        on spine.week_start = any_platform_touched_weekly.week_start
    left join observed_conversions_weekly
        on spine.week_start = observed_conversions_weekly.week_start
),

final as (
    select
        week_start,
        platform,
        attribution_model,
        {{ mta.money("spend") }} as spend,
        cast(claimed_conversions as {{ mta.double_type() }}) as claimed_conversions,
        {{ mta.money("claimed_conversion_value") }} as claimed_conversion_value,
        cast(attributed_conversions as {{ mta.double_type() }}) as attributed_conversions,
        {{ mta.money("attributed_revenue") }} as attributed_revenue,
        cast(platform_touched_conversions as bigint) as platform_touched_conversions,
        {{ mta.safe_ratio('claimed_conversions', 'attributed_conversions') }} as over_claim_ratio,
        {{ mta.safe_ratio('claimed_conversion_value', 'attributed_revenue') }} as over_claim_value_ratio,
        cast(
            sum(claimed_conversions) over (partition by week_start, attribution_model)
            as {{ mta.double_type() }}
        ) as all_platforms_claimed_conversions,
        cast(
            sum(attributed_conversions) over (partition by week_start, attribution_model)
            as {{ mta.double_type() }}
        ) as all_platforms_attributed_conversions,
        cast(deduplicated_platform_conversions as bigint) as deduplicated_platform_conversions,
        cast(observed_conversions as bigint) as observed_conversions,
        cast({{ mta.primary_conversion_types_label() }} as {{ dbt.type_string() }}) as conversion_type
    from joined
)

select * from final
