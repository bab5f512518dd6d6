{#-
    The Shapley weights |S|! (|T| - |S| - 1)! / |T|! for every coalition size
    |T| = channel_count in 1..n and |S| = subset_size in 0..|T|-1, as literal
    rows computed at compile time.
-#}
{% macro shapley_weights(n) -%}
    {%- set factorials = [1] -%}
    {%- for i in range(1, n + 1) -%}
        {%- do factorials.append(factorials[i - 1] * i) -%}
    {%- endfor -%}
    {%- set rows = [] -%}
    {%- for t in range(1, n + 1) -%}
        {%- for s in range(0, t) -%}
            {%- set weight = (factorials[s] * factorials[t - s - 1]) / factorials[t] -%}
            {%- do rows.append(
                "select " ~ t ~ " as channel_count, " ~ s ~ " as subset_size, cast("
                ~ ('%.17g' | format(weight)) ~ " as " ~ mta.double_type() ~ ") as shapley_weight"
            ) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(rows | join('\n    union all\n    ')) }}
{%- endmacro %}
