{#-
    The row count of every raw contract table, read from the sources
    themselves: the independent side of audit_raw_reconciliation (raw rows =
    staged rows + quarantined rows). Kept in staging so that source() appears
    nowhere else.
-#}
{%- set tables = [
    ('web_events', 'web'),
    ('ad_clicks', 'ads'),
    ('ad_spend', 'ads'),
    ('message_events', 'messaging'),
    ('crm_contacts', 'crm'),
    ('crm_deals', 'crm'),
    ('crm_deal_stage_history', 'crm'),
    ('conversions', 'collectors'),
] -%}

with

{% for table_name, source_name in tables %}
raw_{{ table_name }} as (
    select * from {{ source(source_name, table_name) }}
),

{% endfor -%}

final as (
    {%- for table_name, source_name in tables %}
    select
        cast('{{ table_name }}' as {{ dbt.type_string() }}) as table_name,
        cast(count(*) as {{ dbt.type_bigint() }}) as raw_rows
    from raw_{{ table_name }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select * from final
