{#-
    The share of conversions matched to no person per day. One row per check and
    date. See _quality_checks__models.yml.
-#}

with

conversions as (
    select * from {{ ref('fct_conversions') }}
),

check_unmatched_conversions as (
    select
        'unmatched_conversions' as check_name,
        cast(conversions.converted_at as date) as check_date,
        sum(case when conversions.match_method = 'unmatched' then 1 else 0 end) * 1.0 / count(*) as check_value,
        cast(sum(case when conversions.match_method = 'unmatched' then 1 else 0 end) as {{ dbt.type_string() }})
        || ' of ' || cast(count(*) as {{ dbt.type_string() }}) || ' conversions matched to no person' as details
    from conversions
    group by cast(conversions.converted_at as date)
),

final as (
    select
        check_name,
        check_date,
        check_value,
        details
    from check_unmatched_conversions
)

select * from final
