# svj_layer_headers(<target> <folder>): the include root through which <target> and what links it see the
# headers of <folder> (media, model, ...). Each root holds that one folder only (a link into the sources), and
# a layer reaches another's root only by linking it (PUBLIC roots travel with the link). So an include across
# a boundary the layers forbid ("model/..." from annotation/, "training/..." from widgets/) fails to compile
# rather than waiting for tests/layering/check_layers.sh.
function(svj_layer_headers target folder)
    set(root "${CMAKE_BINARY_DIR}/include/${folder}")
    file(MAKE_DIRECTORY "${root}")
    file(CREATE_LINK "${PROJECT_SOURCE_DIR}/${folder}" "${root}/${folder}" SYMBOLIC RESULT failed)
    if(failed)
        message(FATAL_ERROR "cannot link ${root}/${folder} to ${PROJECT_SOURCE_DIR}/${folder}: ${failed}")
    endif()
    target_include_directories(${target} PUBLIC "$<BUILD_INTERFACE:${root}>")
endfunction()
