{#-
    The attribution model the calibrated view scales (var
    mta_calibration_base_model), checked: one of the models of
    fct_attribution_credits, and one that spreads credit over the path.
    Under first_touch or last_touch every conversion's credit sits on one
    touch, so scaling by channel and renormalizing per conversion would
    give back the base model unchanged.
-#}
{% macro calibration_base_model() -%}
    {%- set model_name = var('mta_calibration_base_model') -%}
    {%- set multi_touch = ['linear', 'time_decay', 'position_based', 'markov', 'shapley'] -%}
    {%- if model_name in ['first_touch', 'last_touch'] -%}
        {{ exceptions.raise_compiler_error(
            "mta_calibration_base_model: " ~ model_name ~ " gives each conversion's whole credit to one touch, "
            ~ "so scaling by channel and renormalizing per conversion changes nothing; choose one of "
            ~ multi_touch | join(', ')) }}
    {%- elif model_name not in multi_touch -%}
        {{ exceptions.raise_compiler_error(
            "mta_calibration_base_model: unknown model '" ~ model_name ~ "'; choose one of " ~ multi_touch | join(', ')) }}
    {%- endif -%}
    {{ return(model_name) }}
{%- endmacro %}
