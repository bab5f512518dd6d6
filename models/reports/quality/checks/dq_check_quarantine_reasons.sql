{#-
    Raw rows quarantined for one reason, per table: timestamps without a UTC
    offset (var mta_assume_time_zone reads them) and copies of one key with
    different figures that no load time orders (one was kept). Checks
    timestamps_missing_utc_offset and conflicting_duplicates; snapshot. One
    row per check with rows. See _quality_checks__models.yml.
-#}

with

quarantine as (
    select * from {{ ref('audit_quarantine') }}
),

{%- for check_name, reason, what in [
    ('timestamps_missing_utc_offset', 'missing_utc_offset', 'timestamps without a UTC offset'),
    ('conflicting_duplicates', 'conflicting_duplicate', 'conflicting copies of a kept row'),
] %}
check_{{ check_name }} as (
    select
        '{{ check_name }}' as check_name,
        {{ mta.dq_run_date() }} as check_date,
        cast(count(*) as {{ mta.double_type() }}) as check_value,
        {{ mta.ordered_string_agg(
            "quarantine.table_name || ' ' || quarantine.row_key", ', ', 'quarantine.table_name, quarantine.row_key'
        ) }} || ': {{ what }}' as details
    from quarantine
    where quarantine.reason = '{{ reason }}'
    having count(*) > 0
),

{% endfor -%}

final as (
    select * from check_timestamps_missing_utc_offset
    union all
    select * from check_conflicting_duplicates
)

select * from final
