{#-
    Fails with every group (of `group_by`, a column of `model`, or one row
    when null) whose sum of `column_name` differs by more than `tolerance`
    from `compare_expression` aggregated over `compare_model` rows matching
    `compare_where`. Every value in `required_groups` must be present too: a
    missing group is compared as 0. Used to reconcile attributed revenue,
    conversions and spend with fct_conversions and stg_ads__spend.
-#}
{% test group_totals_match(model, column_name, compare_model, compare_expression, compare_where='1 = 1', group_by=none, required_groups=[], tolerance=0.005) %}
with

model_totals as (
    select
        {{ group_by if group_by is not none else "'(all)'" }} as group_key,
        sum({{ column_name }}) as model_total
    from {{ model }}
    group by 1
),

required_keys as (
    select '(all)' as group_key
    {%- for group_value in required_groups %}
    union all
    select '{{ group_value }}' as group_key
    {%- endfor %}
),

group_keys as (
    select group_key from model_totals
    {%- if group_by is not none %}
    union
    select group_key from required_keys
    where group_key <> '(all)'
    {%- endif %}
),

expected as (
    select {{ compare_expression }} as expected_total
    from {{ compare_model }}
    where {{ compare_where }}
)

select
    group_keys.group_key,
    coalesce(model_totals.model_total, 0) as model_total,
    coalesce(expected.expected_total, 0) as expected_total
from group_keys
left join model_totals
    on group_keys.group_key = model_totals.group_key
cross join expected
where abs(coalesce(model_totals.model_total, 0) - coalesce(expected.expected_total, 0)) > {{ tolerance }}
{% endtest %}
