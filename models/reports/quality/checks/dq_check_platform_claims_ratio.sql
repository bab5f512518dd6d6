{#-
    Conversions all platforms claim over deduplicated conversions with a
    platform touch, per week. One row per check and date. See
    _quality_checks__models.yml.
-#}

with

platform_claims as (
    select * from {{ ref('rpt_platform_claims_vs_reality') }}
),

platform_claims_weekly as (
    select
        platform_claims.week_start,
        max(platform_claims.all_platforms_claimed_conversions) as claimed_conversions,
        max(platform_claims.deduplicated_platform_conversions) as deduplicated_conversions
    from platform_claims
    group by platform_claims.week_start
),

check_platform_claims as (
    select
        'platform_claims_ratio' as check_name,
        week_start as check_date,
        {{ mta.safe_ratio('claimed_conversions', 'deduplicated_conversions') }} as check_value,
        {{ mta.format_decimal('claimed_conversions', 1) }}
        || ' conversions claimed by all platforms in the week vs '
        || cast(deduplicated_conversions as {{ dbt.type_string() }})
        || ' deduplicated conversions with a platform touch' as details
    from platform_claims_weekly
    where claimed_conversions > 0 or deduplicated_conversions > 0
),

final as (
    select
        check_name,
        check_date,
        check_value,
        details
    from check_platform_claims
)

select * from final
