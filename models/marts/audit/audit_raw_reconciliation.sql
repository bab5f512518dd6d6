{#-
    Raw = staged + quarantined, per raw table. raw_rows is counted from the
    source itself (not from the base model), staged_rows from the stg model,
    quarantined_rows from audit_quarantine.
-#}
{%- set tables = [
    ('web_events', 'web', 'stg_web__events'),
    ('ad_clicks', 'ads', 'stg_ads__clicks'),
    ('ad_spend', 'ads', 'stg_ads__spend'),
    ('message_events', 'messaging', 'stg_messaging__events'),
    ('crm_contacts', 'crm', 'stg_crm__contacts'),
    ('crm_deals', 'crm', 'stg_crm__deals'),
    ('crm_deal_stage_history', 'crm', 'stg_crm__deal_stage_history'),
    ('conversions', 'collectors', 'stg_collectors__conversions'),
] -%}

with

{% for table_name, source_name, model_name in tables %}
raw_{{ table_name }} as (
    select * from {{ source(source_name, table_name) }}
),

{{ model_name }} as (
    select * from {{ ref(model_name) }}
),

{% endfor -%}

audit_quarantine as (
    select * from {{ ref('audit_quarantine') }}
),

raw_counts as (
    {%- for table_name, source_name, model_name in tables %}
    select
        '{{ table_name }}' as table_name,
        count(*) as raw_rows
    from raw_{{ table_name }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

staged_counts as (
    {%- for table_name, source_name, model_name in tables %}
    select
        '{{ table_name }}' as table_name,
        count(*) as staged_rows
    from {{ model_name }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

quarantined_counts as (
    select
        table_name,
        count(*) as quarantined_rows
    from audit_quarantine
    group by table_name
),

final as (
    select
        cast(raw_counts.table_name as {{ dbt.type_string() }}) as table_name,
        cast(raw_counts.raw_rows as {{ dbt.type_bigint() }}) as raw_rows,
        cast(coalesce(staged_counts.staged_rows, 0) as {{ dbt.type_bigint() }}) as staged_rows,
        cast(coalesce(quarantined_counts.quarantined_rows, 0) as {{ dbt.type_bigint() }}) as quarantined_rows,
        raw_counts.raw_rows = coalesce(staged_counts.staged_rows, 0) + coalesce(quarantined_counts.quarantined_rows, 0)
            as is_reconciled
    from raw_counts
    left join staged_counts
        on raw_counts.table_name = staged_counts.table_name
    left join quarantined_counts
        on raw_counts.table_name = quarantined_counts.table_name
)

select * from final
