{#-
    `case` expression giving the first reason, in precedence order, whose
    condition (SQL text, a dict value keyed by reason) is true. Reasons not in
    `conditions` never apply. Null when none applies.
-#}
{% macro quarantine_reason_case(conditions) -%}
    {%- for reason in conditions.keys() if reason not in mta.quarantine_reasons() -%}
        {{ exceptions.raise_compiler_error("quarantine_reason_case: unknown reason '" ~ reason ~ "'") }}
    {%- endfor -%}
    case
    {%- for reason in mta.quarantine_reasons() if reason in conditions %}
        when coalesce({{ conditions[reason] }}, false) then '{{ reason }}'
    {%- endfor %}
    end
{%- endmacro %}
