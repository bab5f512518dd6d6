{#-
    The row-weighted mean entropy of the raw spellings of each canonical UTM
    source and medium per day (check utm_value_entropy). One row per check and
    date. See _quality_checks__models.yml.
-#}

with

utm_spelling_counts as (
    select * from {{ ref('dq_utm_spelling_counts') }}
),

-- Shannon entropy (bits) of the raw spellings of each canonical value,
-- averaged over canonical values weighted by rows: 0 when every value is
-- always written the same way
utm_entropy_terms as (
    select
        check_date,
        utm_field,
        canonical_value,
        canonical_rows,
        -1.0 * (n_rows * 1.0 / canonical_rows)
        * {{ mta.natural_log('n_rows * 1.0 / canonical_rows') }}
        / {{ mta.natural_log('2.0') }} as entropy_term
    from utm_spelling_counts
),

utm_entropy_per_value as (
    select
        check_date,
        utm_field,
        canonical_value,
        max(canonical_rows) as n_rows,
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
