{#-
    The row-weighted mean entropy of the raw spellings of each canonical UTM
    source and medium per day (check utm_value_entropy). One row per check and
    date. See _quality_checks__models.yml.
-#}

with

utm_spelling_counts as (
    select * from {{ ref('dq_utm_spelling_counts') }}
),

utm_canonical_stats as (
    select
        check_date,
        utm_field,
        canonical_value,
        count(*) as n_spellings,
        sum(n_rows) as n_rows
    from utm_spelling_counts
    group by
        check_date,
        utm_field,
        canonical_value
),

-- Shannon entropy (bits) of the raw spellings of each canonical value,
-- averaged over canonical values weighted by rows: 0 when every value is
-- always written the same way
utm_entropy_terms as (
    select
        utm_spelling_counts.check_date,
        utm_spelling_counts.utm_field,
        utm_spelling_counts.canonical_value,
        utm_canonical_stats.n_rows,
        -1.0 * (utm_spelling_counts.n_rows * 1.0 / utm_canonical_stats.n_rows)
        * {{ mta.natural_log('utm_spelling_counts.n_rows * 1.0 / utm_canonical_stats.n_rows') }}
        / {{ mta.natural_log('2.0') }} as entropy_term
    from utm_spelling_counts
    inner join utm_canonical_stats
        on
            utm_spelling_counts.check_date = utm_canonical_stats.check_date
            and utm_spelling_counts.utm_field = utm_canonical_stats.utm_field
            and utm_spelling_counts.canonical_value = utm_canonical_stats.canonical_value
),

utm_entropy_per_value as (
    select
        check_date,
        utm_field,
        canonical_value,
        max(n_rows) as n_rows,
        sum(entropy_term) as entropy_bits
    from utm_entropy_terms
    group by
        check_date,
        utm_field,
        canonical_value
),

check_utm_entropy as (
    select
        'utm_value_entropy' as check_name,
        check_date,
        cast(sum(entropy_bits * n_rows) / sum(n_rows) as {{ mta.double_type() }}) as check_value,
        'row-weighted mean entropy (bits) of raw spellings over '
        || cast(count(*) as {{ dbt.type_string() }}) || ' canonical source/medium values; max '
        || {{ mta.format_decimal('max(entropy_bits)', 3) }} as details
    from utm_entropy_per_value
    group by check_date
),

final as (
    select
        check_name,
        check_date,
        check_value,
        details
    from check_utm_entropy
)

select * from final
