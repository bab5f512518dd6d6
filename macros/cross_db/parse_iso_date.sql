{#- A `YYYY-MM-DD` text date -> date, null when unparseable. -#}
{% macro parse_iso_date(expression) -%}
    {{ return(adapter.dispatch('parse_iso_date', 'mta')(expression)) }}
{%- endmacro %}

{% macro default__parse_iso_date(expression) -%}
    case
        when {{ mta.regex_matches('trim(' ~ expression ~ ')', '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$') }}
            then cast(trim({{ expression }}) as date)
    end
{%- endmacro %}

{% macro duckdb__parse_iso_date(expression) -%}
    case
        when {{ mta.regex_matches('trim(' ~ expression ~ ')', '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') }}
            then try_cast(trim({{ expression }}) as date)
    end
{%- endmacro %}

{% macro spark__parse_iso_date(expression) -%}
    case
        when {{ mta.regex_matches('trim(' ~ expression ~ ')', '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') }}
            then try_cast(trim({{ expression }}) as date)
    end
{%- endmacro %}
