-- Platform claims vs reality over the whole period: per platform and model,
-- what the platform claims, what the warehouse credits it, and the
-- over-claim ratio; plus the headline "claimed by all platforms vs real".
with

claims as (
    select * from {{ ref('rpt_platform_claims_vs_reality') }}
),

per_platform as (
    select
        platform,
        attribution_model,
        sum(claimed_conversions) as claimed_conversions,
        sum(attributed_conversions) as attributed_conversions,
        sum(platform_touched_conversions) as platform_touched_conversions
    from claims
    group by platform, attribution_model
),

weekly_totals as (
    select distinct
        week_start,
        attribution_model,
        all_platforms_claimed_conversions,
        deduplicated_platform_conversions
    from claims
),

headline as (
    select
        attribution_model,
        sum(all_platforms_claimed_conversions) as all_platforms_claimed_conversions,
        sum(deduplicated_platform_conversions) as real_conversions
    from weekly_totals
    group by attribution_model
),

final as (
    select
        per_platform.platform,
        per_platform.attribution_model,
        per_platform.claimed_conversions,
        per_platform.attributed_conversions,
        per_platform.platform_touched_conversions,
        {{ mta.safe_ratio('per_platform.claimed_conversions', 'per_platform.attributed_conversions') }}
            as over_claim_ratio,
        headline.all_platforms_claimed_conversions,
        headline.real_conversions
    from per_platform
    inner join headline
        on per_platform.attribution_model = headline.attribution_model
)

select * from final
order by attribution_model asc, over_claim_ratio desc
