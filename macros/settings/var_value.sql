{#-
    The value of a var as its rule reads it: a number written as text is
    that number for a numeric rule or a list of allowed numbers (`--vars`
    and YAML hand over `"30"` as text, and YAML reads `1e-12`, which has no
    dot, as text too); everything else is returned as given. Text that is
    not a number stays text, and the rule rejects it.
-#}
{% macro var_value(value, rule) -%}
    {%- set numeric_rules = [
        'positive', 'non_negative', 'null_or_positive', 'positive_integer', 'non_negative_integer',
        'integer_at_least_2', 'null_or_positive_integer', 'share', 'open_fraction',
    ] -%}
    {%- set wants_number = rule in numeric_rules
        or (rule is sequence and rule is not string and rule | select('number') | list | length > 0) -%}
    {%- if wants_number and value is string
          and modules.re.match('^\\s*[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?\\s*$', value) -%}
        {%- set number = value | trim | float -%}
        {{ return(number | int if number == (number | int) and not modules.re.search('[.eE]', value) else number) }}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro %}
