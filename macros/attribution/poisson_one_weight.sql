{#-
    A Poisson(1) bootstrap weight from a uniform in [0, 1): the inverse of
    the Poisson(1) distribution function, P(W <= k) = e^-1 sum_{i<=k} 1/i!
    (the constants below, to double precision). The uniforms come from
    28 bits of an md5 hash, so weights above 11 (probability 1e-9) never
    occur.
-#}
{% macro poisson_one_weight(uniform) -%}
    {%- set cumulative = [
        0.36787944117144233, 0.7357588823428847, 0.9196986029286058, 0.9810118431238463,
        0.9963401531726563, 0.9994058151824183, 0.999916758850712, 0.9999897508033253,
        0.999998874797402, 0.9999998885745216, 0.9999999899522336, 0.9999999991683892
    ] -%}
    case
        {%- for threshold in cumulative %}
        when {{ uniform }} < {{ threshold }} then {{ loop.index0 }}
        {%- endfor %}
        else {{ cumulative | length }}
    end
{%- endmacro %}
