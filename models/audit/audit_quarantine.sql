{%- set tables = [
    ('web_events', 'base_web__events', 'occurred_at'),
    ('ad_clicks', 'base_ads__clicks', 'clicked_at'),
    ('ad_spend', 'base_ads__spend', 'cast(spend_date as ' ~ dbt.type_timestamp() ~ ')'),
    ('message_events', 'base_messaging__events', 'occurred_at'),
    ('crm_contacts', 'base_crm__contacts', 'created_at'),
    ('crm_deals', 'base_crm__deals', 'created_at'),
    ('crm_deal_stage_history', 'base_crm__deal_stage_history', 'entered_at'),
    ('conversions', 'base_collectors__conversions', 'occurred_at'),
    ('lift_tests', 'base_experiments__lift_tests', 'cast(start_date as ' ~ dbt.type_timestamp() ~ ')'),
] -%}

with

{% for table_name, model_name, time_expression in tables %}
{{ model_name }} as (
    select * from {{ ref(model_name) }}
),

{% endfor -%}

quarantined_rows as (
    {%- for table_name, model_name, time_expression in tables %}
    select
        '{{ table_name }}' as table_name,
        row_key,
        base_row_id,
        quarantine_reason as reason,
        raw_row_json,
        {{ time_expression }} as quarantined_at
    from {{ model_name }}
    where quarantine_reason is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select
        cast(table_name || ':' || base_row_id as {{ dbt.type_string() }}) as quarantine_id,
        cast(table_name as {{ dbt.type_string() }}) as table_name,
        cast(row_key as {{ dbt.type_string() }}) as row_key,
        cast(reason as {{ dbt.type_string() }}) as reason,
        cast(raw_row_json as {{ dbt.type_string() }}) as raw_row_json,
        cast(quarantined_at as {{ dbt.type_timestamp() }}) as quarantined_at
    from quarantined_rows
)

select * from final
