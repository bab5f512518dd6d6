{#-
    The run-start check of the project's vars (on-run-start in
    dbt_project.yml): every var with a rule (var_rules) is checked once,
    before any node runs, and all problems are reported together, e.g.
    `var mta_session_timeout_minutes must be a number > 0, got "thirty"`.
    Reading a var through setting checks it too, so a model that reads a
    wrong var while dbt parses fails with the same message. A number written
    as text (--vars '{x: "30"}', or 1e-12, which YAML reads as text) is read
    as the number (var_value); other text is not a number, and the text
    'false' is not a boolean (it would read as true): both are rejected
    rather than guessed. The defaults live in dbt_project.yml only.
-#}
{% macro validate_vars() -%}
    {%- if execute and flags.WHICH in ['build', 'run', 'test', 'seed', 'snapshot'] -%}
        {%- set problems = [] -%}
        {%- for name, rule in mta.var_rules().items() -%}
            {%- set problem = mta.var_problem(mta.var_value(var(name), rule), rule) -%}
            {%- if problem -%}
                {%- do problems.append("var " ~ name ~ " must be " ~ problem ~ ", got " ~ (var(name) | tojson)) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set medium = mta.var_value(var('mta_modeled_medium_confidence_min_conversions'), 'non_negative') -%}
        {%- set high = mta.var_value(var('mta_modeled_high_confidence_min_conversions'), 'non_negative') -%}
        {%- if not mta.var_problem(medium, 'non_negative') and not mta.var_problem(high, 'non_negative') and medium > high -%}
            {%- do problems.append("var mta_modeled_medium_confidence_min_conversions must not exceed mta_modeled_high_confidence_min_conversions") -%}
        {%- endif -%}
        {%- if problems | length > 0 -%}
            {{ exceptions.raise_compiler_error(problems | join("\n")) }}
        {%- endif -%}
    {%- endif -%}
    {{ return('select 1 as vars_checked') }}
{%- endmacro %}
