{#-
    The standard normal quantile z with P(Z <= z) = p, for p strictly
    between 0 and 1, as one portable SQL expression (ln, sqrt and
    arithmetic only): P. J. Acklam's rational approximation, relative error
    below 1.2e-9 (z = 1.6448536 for p = 0.95, 1.9599640 for p = 0.975).
    `probability` is SQL text; it is repeated, so pass a column, not a
    subquery. It is read as a double (decimal literals would overflow).
-#}
{% macro normal_quantile(probability) -%}
    {%- set p = 'cast((' ~ probability ~ ') as ' ~ mta.double_type() ~ ')' -%}
    {%- set a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690, -30.66479806614716, 2.506628277459239] -%}
    {%- set b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572] -%}
    {%- set c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] -%}
    {%- set d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416] -%}
    {%- set tail_q = 'sqrt(-2 * ln(case when (' ~ p ~ ') < 0.5 then (' ~ p ~ ') else 1 - (' ~ p ~ ') end))' -%}
    {%- set central_q = '((' ~ p ~ ') - 0.5)' -%}
    {%- set central_r = '(' ~ central_q ~ ' * ' ~ central_q ~ ')' -%}
    case
        when ({{ p }}) <= 0 or ({{ p }}) >= 1 then null
        when ({{ p }}) < 0.02425 or ({{ p }}) > 0.97575 then
            (case when ({{ p }}) < 0.5 then 1 else -1 end)
            * ({{ mta._horner(c, tail_q) }})
            / ({{ mta._horner(d + [1], tail_q) }})
        else
            {{ central_q }} * ({{ mta._horner(a, central_r) }})
            / ({{ mta._horner(b + [1], central_r) }})
    end
{%- endmacro %}

{#- Horner form of the polynomial with `coefficients` (highest power first) in `x` (SQL text). -#}
{% macro _horner(coefficients, x) -%}
    {%- set ns = namespace(expression=coefficients[0] | string) -%}
    {%- for coefficient in coefficients[1:] -%}
        {%- set ns.expression = '(' ~ ns.expression ~ ') * ' ~ x ~ ' + (' ~ coefficient ~ ')' -%}
    {%- endfor -%}
    {{ ns.expression }}
{%- endmacro %}
