{#-
    The most raw spellings of one canonical UTM source and medium per day
    (checks utm_source_spellings, utm_medium_spellings). One row per check and
    date. See _quality_checks__models.yml.
-#}

with

utm_spelling_counts as (
    select * from {{ ref('dq_utm_spelling_counts') }}
),

utm_canonical_stats as (
    select distinct
        check_date,
        utm_field,
        canonical_value,
        canonical_spellings as n_spellings,
        canonical_rows as n_rows
    from utm_spelling_counts
),

utm_spellings_ranked as (
    select
        utm_canonical_stats.*,
        row_number() over (
            partition by utm_canonical_stats.check_date, utm_canonical_stats.utm_field
            order by utm_canonical_stats.n_spellings desc, utm_canonical_stats.canonical_value asc
        ) as spelling_rank
    from utm_canonical_stats
),

check_utm_spellings as (
    select
        'utm_' || utm_field || '_spellings' as check_name,
        check_date,
        cast(n_spellings as {{ mta.double_type() }}) as check_value,
        'most raw spellings of one canonical ' || utm_field || ': ' || canonical_value || ' ('
        || cast(n_spellings as {{ dbt.type_string() }}) || ' spellings in '
        || cast(n_rows as {{ dbt.type_string() }}) || ' rows)' as details
    from utm_spellings_ranked
    where spelling_rank = 1
),

final as (
    select
        check_name,
        check_date,
        check_value,
        details
    from check_utm_spellings
)

select * from final
