{#-
    Identifier forms and raw-column guards for the Google Ads exports.
-#}

{#-
    Google Ads' normalized email for hashed matching (enhanced conversions
    for leads): normalize_email (trimmed, lower case), then, for gmail.com
    and googlemail.com addresses, the dots of the part before the @
    removed, as Google's normalization rules ask. Null when normalize_email
    is null.
-#}
{% macro google_normalize_email(expression) -%}
    {%- set normalized = mta.normalize_email(expression) -%}
    {%- set local_part = dbt.split_part(normalized, "'@'", 1) -%}
    {%- set domain = dbt.split_part(normalized, "'@'", 2) -%}
    case
        when {{ domain }} in ('gmail.com', 'googlemail.com')
            then replace({{ local_part }}, '.', '') || '@' || {{ domain }}
        else {{ normalized }}
    end
{%- endmacro %}
