{#-
    Data-quality audit: one row per check per day, the union of the check
    models in checks/ (one per check) with each check's threshold (var
    mta_dq_<check_name>_threshold) and status. See _quality_reports__models.yml.
-#}
{%- set checks = {
    'dq_check_utm_spellings': ['utm_source_spellings', 'utm_medium_spellings'],
    'dq_check_utm_value_entropy': ['utm_value_entropy'],
    'dq_check_paid_sessions_missing_click_id': ['paid_sessions_missing_click_id'],
    'dq_check_session_click_ids_not_in_click_log': ['session_click_ids_not_in_click_log'],
    'dq_check_duplicate_contacts': ['duplicate_contacts'],
    'dq_check_stale_lifecycle_stages': ['stale_lifecycle_stages'],
    'dq_check_crm_won_deals': ['crm_won_deals_count_gap', 'crm_won_deals_amount_gap'],
    'dq_check_unmatched_conversions': ['unmatched_conversions'],
    'dq_check_bot_share': ['bot_share'],
    'dq_check_quarantined_rows': ['quarantined_rows'],
    'dq_check_platform_claims_ratio': ['platform_claims_ratio'],
    'dq_check_quarantine_reasons': ['timestamps_missing_utc_offset', 'conflicting_duplicates'],
    'dq_check_click_costs_unusable': ['click_costs_unusable'],
} -%}
{%- set check_key = "all_checks.check_name || ':' || cast(all_checks.check_date as " ~ dbt.type_string() ~ ")" -%}

with

all_checks as (
    {%- for model_name in checks %}
    select
        check_name,
        check_date,
        check_value,
        details
    from {{ ref(model_name) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

check_thresholds as (
    {%- for check_name in checks.values() | sum(start=[]) %}
    select
        '{{ check_name }}' as check_name,
        cast({{ mta.setting('mta_dq_' ~ check_name ~ '_threshold') }} as {{ mta.double_type() }}) as threshold
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select
        cast({{ mta.sha256_hex(check_key) }} as {{ dbt.type_string() }}) as check_id,
        cast(all_checks.check_name as {{ dbt.type_string() }}) as check_name,
        cast(all_checks.check_date as date) as check_date,
        cast(all_checks.check_value as {{ mta.double_type() }}) as value,  -- noqa: RF04
        cast(check_thresholds.threshold as {{ mta.double_type() }}) as threshold,
        cast(
            case when all_checks.check_value > check_thresholds.threshold then 'warn' else 'pass' end
            as {{ dbt.type_string() }}
        ) as status,
        cast(all_checks.details as {{ dbt.type_string() }}) as details
    from all_checks
    inner join check_thresholds
        on all_checks.check_name = check_thresholds.check_name
    where all_checks.check_date is not null
)

select * from final
