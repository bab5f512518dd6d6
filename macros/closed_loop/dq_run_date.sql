{#-
    The check date of snapshot checks: var mta_dq_snapshot_date
    ('YYYY-MM-DD') when set, else the build's UTC date, as a date literal.
-#}
{% macro dq_run_date() -%}
    {%- set snapshot_date = mta.setting('mta_dq_snapshot_date') -%}
    cast('{{ snapshot_date if snapshot_date else run_started_at.strftime("%Y-%m-%d") }}' as date)
{%- endmacro %}
