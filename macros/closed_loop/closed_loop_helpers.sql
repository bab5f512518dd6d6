{#-
    The confidence label of a modeled-revenue cohort from the number of
    observed conversions whose channel mix it uses: `high` from var
    mta_modeled_high_confidence_min_conversions (30), `medium` from var
    mta_modeled_medium_confidence_min_conversions (10), else `low`; `none`
    when there is no mix at all (0 conversions).
-#}
{% macro modeled_confidence_label(cohort_conversions) -%}
    case
        when coalesce({{ cohort_conversions }}, 0) = 0 then 'none'
        when {{ cohort_conversions }} >= {{ mta.setting('mta_modeled_high_confidence_min_conversions') }} then 'high'
        when {{ cohort_conversions }} >= {{ mta.setting('mta_modeled_medium_confidence_min_conversions') }} then 'medium'
        else 'low'
    end
{%- endmacro %}

{#- Sort rank of a confidence label, the least confident first (none 0, low 1, medium 2, high 3). -#}
{% macro modeled_confidence_rank(label) -%}
    case {{ label }}
        when 'high' then 3
        when 'medium' then 2
        when 'low' then 1
        else 0
    end
{%- endmacro %}

{#-
    The channels modeled revenue is never spread to: direct when var
    mta_exclude_direct_from_modeled_mix is true (the default), so missing
    identifiers never inflate direct.
-#}
{% macro modeled_mix_excluded_channels() -%}
    {%- if mta.setting('mta_exclude_direct_from_modeled_mix') -%}
        {{ return(['direct']) }}
    {%- else -%}
        {{ return([]) }}
    {%- endif -%}
{%- endmacro %}

{#-
    The check date of snapshot checks: var mta_dq_snapshot_date
    ('YYYY-MM-DD') when set, else the build's UTC date, as a date literal.
-#}
{% macro dq_run_date() -%}
    {%- set snapshot_date = mta.setting('mta_dq_snapshot_date') -%}
    cast('{{ snapshot_date if snapshot_date else run_started_at.strftime("%Y-%m-%d") }}' as date)
{%- endmacro %}

{#- Natural logarithm (portable: ln() on DuckDB, Spark and PostgreSQL). -#}
{% macro natural_log(expression) -%}
    {{ return(adapter.dispatch('natural_log', 'mta')(expression)) }}
{%- endmacro %}

{% macro default__natural_log(expression) -%}
    ln({{ expression }})
{%- endmacro %}
