{#-
    round(expression, digits) for a float expression. PostgreSQL has no
    round(double precision, integer), so the portable body rounds a numeric;
    DuckDB and Spark round the float itself (their results are unchanged).
-#}
{% macro round_to(expression, digits) -%}
    {{ return(adapter.dispatch('round_to', 'mta')(expression, digits)) }}
{%- endmacro %}

{% macro default__round_to(expression, digits) -%}
    round(cast({{ expression }} as numeric), {{ digits }})
{%- endmacro %}

{% macro duckdb__round_to(expression, digits) -%}
    round({{ expression }}, {{ digits }})
{%- endmacro %}

{% macro spark__round_to(expression, digits) -%}
    round({{ expression }}, {{ digits }})
{%- endmacro %}
